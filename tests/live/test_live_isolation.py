"""Sealed test environments read live: a VPC tagged environment=test with an internet gateway, NAT gateway,
peering, transit gateway attachment or virtual private gateway is a finding under isolation-test-network-sealed;
a database tagged environment=test without data-classification=synthetic is one under
isolation-test-database-synthetic; production's own connections are not judged by either."""

import pytest

from pms_baseline.live.runner import verify
from tests.live.conftest import R

pytestmark = pytest.mark.moto

SEALED = ("a sealed test environment has no path to production or the internet, remove it "
          "(164.308(a)(4)(ii)(A))")


def findings(account, rule):
    result = verify(session=account.session, regions=["us-east-1"])
    return sorted((f.resource.name, f.message) for f in result.findings if f.rule == rule)


def vpc(account, environment="test", cidr="10.90.0.0/16"):
    ec2 = account.client("ec2")
    return ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[{"ResourceType": "vpc", "Tags": [
        {"Key": "environment", "Value": environment}]}])["Vpc"]["VpcId"]


def internet_gateway(account, vid):
    ec2 = account.client("ec2")
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vid)
    return igw


def nat_gateway(account, vid):
    ec2 = account.client("ec2")
    subnet = ec2.create_subnet(VpcId=vid, CidrBlock="10.90.1.0/24")["Subnet"]["SubnetId"]
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    return ec2.create_nat_gateway(SubnetId=subnet, AllocationId=eip)["NatGateway"]["NatGatewayId"]


def exercise(account):
    """A test VPC with every kind of connection the collector lists, and an untagged test database."""
    vid = vpc(account)
    internet_gateway(account, vid)
    nat_gateway(account, vid)
    ec2 = account.client("ec2")
    ec2.create_egress_only_internet_gateway(VpcId=vid)
    tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
    subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vid]}])["Subnets"][0]["SubnetId"]
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vid, SubnetIds=[subnet])
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpcId=vid, VpnGatewayId=vgw)
    return vid


def test_a_test_vpc_with_no_connection_passes(account):
    vpc(account)
    assert findings(account, "isolation-test-network-sealed") == []


def test_production_connections_are_not_judged_as_a_test_environment(account):
    internet_gateway(account, vpc(account, environment="prod", cidr="10.91.0.0/16"))
    assert findings(account, "isolation-test-network-sealed") == []


def test_an_internet_gateway_on_a_test_vpc_is_a_finding(account):
    vid = vpc(account)
    igw = internet_gateway(account, vid)
    assert findings(account, "isolation-test-network-sealed") == [
        (vid, R + f"VPC {vid}: the test environment declares InternetGateway {igw}; " + SEALED)]


def test_a_nat_gateway_in_a_test_vpc_is_a_finding(account):
    vid = vpc(account)
    nat = nat_gateway(account, vid)
    assert findings(account, "isolation-test-network-sealed") == [
        (vid, R + f"VPC {vid}: the test environment declares NatGateway {nat}; " + SEALED)]


def test_a_peering_from_a_test_vpc_to_production_is_a_finding(account):
    test, prod = vpc(account), vpc(account, environment="prod", cidr="10.91.0.0/16")
    pcx = account.client("ec2").create_vpc_peering_connection(VpcId=test, PeerVpcId=prod)
    pid = pcx["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    assert findings(account, "isolation-test-network-sealed") == [
        (test, R + f"VPC {test}: the test environment declares VpcPeeringConnection {pid}; " + SEALED)]


def test_every_kind_of_connection_on_a_test_vpc_is_a_finding(account):
    vid = exercise(account)
    kinds = sorted(m.split("declares ", 1)[1].split(" ", 1)[0]
                   for _, m in findings(account, "isolation-test-network-sealed"))
    assert kinds == ["EgressOnlyInternetGateway", "InternetGateway", "NatGateway", "VpcAttachment", "VpnGateway"]
    assert {name for name, _ in findings(account, "isolation-test-network-sealed")} == {vid}


def database(account, name, tags):
    account.client("rds").create_db_instance(
        DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro", AllocatedStorage=20,
        MasterUsername="pms", MasterUserPassword="correct-horse-battery",
        Tags=[{"Key": k, "Value": v} for k, v in tags.items()])


def test_a_test_database_tagged_synthetic_passes(account):
    database(account, "pms-test-db", {"environment": "test", "data-classification": "synthetic"})
    assert findings(account, "isolation-test-database-synthetic") == []


def test_a_test_database_without_the_synthetic_tag_is_a_finding(account):
    database(account, "pms-test-db", {"environment": "test"})
    assert findings(account, "isolation-test-database-synthetic") == [(
        "pms-test-db", R + "test database pms-test-db has tag data-classification=unset; tag it "
        "data-classification=synthetic and load only synthetic data (164.308(a)(4)(ii)(A))")]


def cluster(account, environment, key):
    account.client("rds").create_db_cluster(
        DBClusterIdentifier="pms-test-claims", Engine="aurora-postgresql", MasterUsername="pms",
        MasterUserPassword="correct-horse-battery", StorageEncrypted=True, KmsKeyId=key,
        Tags=[{"Key": "environment", "Value": environment}, {"Key": "data-classification", "Value": "synthetic"}])


OWN_KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
PROD_KEY = "arn:aws:kms:us-east-1:210987654321:key/11111111-2222-3333-4444-555555555555"


def test_a_test_cluster_encrypted_with_its_own_accounts_key_passes(account):
    cluster(account, "test", OWN_KEY)
    assert findings(account, "isolation-test-no-production-identifiers") == []


def test_a_production_cluster_may_use_another_accounts_key(account):
    cluster(account, "prod", PROD_KEY)
    assert findings(account, "isolation-test-no-production-identifiers") == []


def test_a_test_cluster_encrypted_with_another_accounts_key_is_a_finding(account):
    cluster(account, "test", PROD_KEY)
    assert findings(account, "isolation-test-no-production-identifiers") == [(
        "pms-test-claims", R + f"Cluster pms-test-claims property kmsKeyId names account 210987654321 ({PROD_KEY}), "
        "not this stack's account 123456789012; a test stack must not reference other accounts, or list the "
        "account in allowedAccountIds (164.308(a)(4)(ii)(A))")]
