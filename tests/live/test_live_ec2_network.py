"""VPC network boundaries read live: data subnets behind a network ACL closed to the internet, internet gateways
only on authorised VPCs (the Region's VPCs but the default one), and internet routes only from the public tier's
route tables."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

ACL = "ec2-data-network-acl-restricted"
GATEWAY = "ec2-internet-gateway-authorized-vpc"
ROUTES = "ec2-internet-route-authorized-tables"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def tagged(account, kind, key, value):
    ec2 = account.client("ec2")
    listing = {"subnet": ("describe_subnets", "Subnets"), "route-table": ("describe_route_tables", "RouteTables")}
    op, field = listing[kind]
    return [x for x in getattr(ec2, op)(Filters=[{"Name": f"tag:{key}", "Values": [value]}])[field]]


def data_subnet(account):
    return tagged(account, "subnet", "pms-tier", "data")[0]


def close_data_subnet(account):
    """A network ACL admitting only PostgreSQL from the VPC, replacing the default one on the data subnet."""
    ec2 = account.client("ec2")
    subnet = data_subnet(account)
    acl = ec2.create_network_acl(VpcId=subnet["VpcId"])["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="10.10.0.0/16", PortRange={"From": 5432, "To": 5432})
    current = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet["SubnetId"]]}])
    assoc = next(a["NetworkAclAssociationId"] for a in current["NetworkAcls"][0]["Associations"]
                 if a["SubnetId"] == subnet["SubnetId"])
    ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=acl)
    return acl


def public_route_table(account):
    """The baseline's route table with the 0.0.0.0/0 route to its internet gateway."""
    tables = account.client("ec2").describe_route_tables()["RouteTables"]
    return next(rt for rt in tables if any(r.get("GatewayId", "").startswith("igw-") for r in rt["Routes"]))


def tag_public(account):
    rt = public_route_table(account)["RouteTableId"]
    account.client("ec2").create_tags(Resources=[rt], Tags=[{"Key": "pms-tier", "Value": "public"}])
    return rt


def default_vpc_gateway(account):
    ec2 = account.client("ec2")
    vpc = next(v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if v["IsDefault"])
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    return igw, vpc


def exercise(account):
    """A data-tier network ACL on the data subnet (ec2:DescribeNetworkAcls; the subnets, route tables, VPCs and
    internet gateways are the baseline's, read by DescribeSubnets, DescribeRouteTables, DescribeVpcs and
    DescribeInternetGateways)."""
    close_data_subnet(account)


def test_a_data_subnet_behind_a_closed_network_acl_passes(account):
    close_data_subnet(account)
    assert findings(account, ACL) == []


def test_a_data_subnet_on_the_default_network_acl_is_a_finding(account):
    """The baseline's data subnet moved back onto its VPC's default network ACL (which admits everything)."""
    ec2, subnet = account.client("ec2"), data_subnet(account)
    (own,) = ec2.describe_network_acls(Filters=[
        {"Name": "association.subnet-id", "Values": [subnet["SubnetId"]]}])["NetworkAcls"]
    association = next(a["NetworkAclAssociationId"] for a in own["Associations"]
                       if a["SubnetId"] == subnet["SubnetId"])
    acl = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [subnet["VpcId"]]},
                                             {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]["NetworkAclId"]
    ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl)
    assert findings(account, ACL) == [(
        acl, R + f"data network ACL {acl} allows ingress from 0.0.0.0/0; allow only the database port from the app "
        "subnets (164.312(a)(1))")]


def test_the_public_tier_route_table_routing_to_the_gateway_passes(account):
    tag_public(account)
    assert findings(account, ROUTES) == []


def test_an_untagged_route_table_routing_to_the_gateway_is_a_finding(account):
    """The baseline's public route table loses its pms-tier=public tag."""
    rt = public_route_table(account)
    account.client("ec2").delete_tags(Resources=[rt["RouteTableId"]], Tags=[{"Key": "pms-tier"}])
    igw = next(r["GatewayId"] for r in rt["Routes"] if r.get("GatewayId", "").startswith("igw-"))
    table = rt["RouteTableId"]
    assert findings(account, ROUTES) == [(
        table, R + f"route table {table} routes 0.0.0.0/0 to internet gateway {igw} but is not authorised to; only "
        "the public tier's table may route to the internet gateway (164.312(a)(1))")]


def test_a_gateway_on_the_baseline_vpc_passes(account):
    assert findings(account, GATEWAY) == []


def test_a_gateway_on_the_default_vpc_is_a_finding(account):
    igw, vpc = default_vpc_gateway(account)
    assert findings(account, GATEWAY) == [(
        igw, R + f"internet gateway {igw} is attached to VPC {vpc}, which is not authorised to reach the internet; "
        "attach gateways only to the internet-facing tier's VPC (164.312(a)(1))")]


def test_a_deleted_network_acl_is_missing(account):
    state = state_of(resource(t.NETWORK_ACL, "data-acl", "acl-0123456789abcdef0", vpcId="vpc-0123456789abcdef0"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["data-acl"]
