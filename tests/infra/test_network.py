"""SegmentedNetwork: three tiers, no internet path from the data tier, flow logs, private AWS access."""

import pytest

from pms_baseline_infra.components.network import SegmentedNetwork, SegmentedNetworkArgs, subnet_cidrs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import (
    AUDIT_KEY,
    PROD_ZONES,
    REGION,
    STAGING_ZONES,
    by_id,
    only,
    policy,
    preview,
    rule_violations,
    tags_for,
)

PROD_CIDR = "10.10.0.0/16"
APP_CIDRS = ["10.10.64.0/20", "10.10.80.0/20", "10.10.96.0/20"]


def build(stack, environment, cidr, zones, internet_access=True):
    seen = {}

    def body():
        seen["network"] = SegmentedNetwork(
            "pms",
            SegmentedNetworkArgs(
                cidr=cidr,
                availability_zones=zones,
                region=REGION,
                environment=environment,
                flow_log_key_arn=AUDIT_KEY,
                flow_log_retention_days=731,
                internet_access=internet_access,
                tags=tags_for(environment),
            ),
        )

    return preview(body, stack=stack), seen["network"]


@pytest.fixture(scope="module")
def prod():
    return build("prod", "prod", PROD_CIDR, PROD_ZONES)


@pytest.fixture(scope="module")
def doc(prod):
    return prod[0]


@pytest.fixture(scope="module")
def staging():
    return build("staging", "staging", "10.20.0.0/16", STAGING_ZONES)[0]


@pytest.fixture(scope="module")
def sealed():
    return build("test", "test", "10.90.0.0/16", ["us-east-2a", "us-east-2b"], internet_access=False)


def subnets(doc, tier):
    return [s for s in doc.of_type(t.SUBNET) if s.props["tags"]["pms-tier"] == tier]


def tables_of(doc, subnet_list):
    ids = {s.id for s in subnet_list}
    return {
        a.props["routeTableId"] for a in doc.of_type(t.ROUTE_TABLE_ASSOCIATION) if a.props["subnetId"] in ids
    }


def routes_of(doc, table_id):
    return [r for r in doc.of_type(t.ROUTE) if r.props["routeTableId"] == table_id]


def sg(doc, name):
    return only(doc, t.SECURITY_GROUP, name)


def test_component_token(doc):
    assert only(doc, t.PMS_NETWORK).name == "pms"


def test_three_tiers_over_every_zone(doc):
    for tier in ("public", "app", "data"):
        assert sorted(s.props["availabilityZone"] for s in subnets(doc, tier)) == PROD_ZONES


def test_subnet_cidrs_carved_deterministically(doc):
    assert sorted(s.props["cidrBlock"] for s in subnets(doc, "public")) == [
        "10.10.0.0/20",
        "10.10.16.0/20",
        "10.10.32.0/20",
    ]
    assert sorted(s.props["cidrBlock"] for s in subnets(doc, "app")) == APP_CIDRS
    assert sorted(s.props["cidrBlock"] for s in subnets(doc, "data")) == [
        "10.10.128.0/20",
        "10.10.144.0/20",
        "10.10.160.0/20",
    ]


def test_subnet_cidrs_refuse_a_block_too_small():
    with pytest.raises(ValueError, match="too small"):
        subnet_cidrs("10.0.0.0/26", 3)


def test_needs_two_zones():
    with pytest.raises(ValueError, match="at least two availability zones, got 1"):
        build("staging", "staging", "10.20.0.0/16", ["us-east-1a"])


def test_attributes_are_subnet_ids(prod):
    doc, network = prod
    assert len(network.public_subnet_ids) == len(network.app_subnet_ids) == len(network.data_subnet_ids) == 3


def test_vpc_resolves_private_dns(doc):
    vpc = only(doc, t.VPC)
    assert vpc.inputs["cidrBlock"] == PROD_CIDR
    assert vpc.inputs["enableDnsSupport"] is True
    assert vpc.inputs["enableDnsHostnames"] is True


def test_no_subnet_maps_public_ip_on_launch(doc):
    assert len(doc.of_type(t.SUBNET)) == 9
    assert all(s.inputs["mapPublicIpOnLaunch"] is False for s in doc.of_type(t.SUBNET))


def test_data_subnets_have_no_internet_route(doc):
    tables = tables_of(doc, subnets(doc, "data"))
    assert len(tables) == 1
    (table_id,) = tables
    assert routes_of(doc, table_id) == []
    assert by_id(doc, t.ROUTE_TABLE, table_id).props.get("routes") in (None, [])


def test_app_subnets_route_through_nat(doc):
    nat_ids = {n.id for n in doc.of_type(t.NAT_GATEWAY)}
    for table_id in tables_of(doc, subnets(doc, "app")):
        (route,) = routes_of(doc, table_id)
        assert route.props["destinationCidrBlock"] == "0.0.0.0/0"
        assert route.props["natGatewayId"] in nat_ids


def test_public_subnets_route_to_internet_gateway(doc):
    igw = only(doc, t.INTERNET_GATEWAY)
    (table_id,) = tables_of(doc, subnets(doc, "public"))
    (route,) = routes_of(doc, table_id)
    assert (route.props["destinationCidrBlock"], route.props["gatewayId"]) == ("0.0.0.0/0", igw.id)


def test_nat_gateways_live_in_public_subnets(doc):
    public_ids = {s.id for s in subnets(doc, "public")}
    assert all(n.props["subnetId"] in public_ids for n in doc.of_type(t.NAT_GATEWAY))


def test_prod_has_one_nat_gateway_per_zone(doc):
    assert len(doc.of_type(t.NAT_GATEWAY)) == 3
    assert len(tables_of(doc, subnets(doc, "app"))) == 3


def test_staging_shares_one_nat_gateway(staging):
    assert len(staging.of_type(t.NAT_GATEWAY)) == 1
    assert len(tables_of(staging, subnets(staging, "app"))) == 1


def test_default_security_group_has_no_rules(doc):
    default = only(doc, t.DEFAULT_SECURITY_GROUP)
    assert default.inputs["vpcId"] == only(doc, t.VPC).id
    assert default.inputs["ingress"] == []
    assert default.inputs["egress"] == []


def test_data_acl_admits_only_db_port_from_app_subnets(doc):
    acl = only(doc, t.NETWORK_ACL)
    assert acl.props["tags"]["pms-tier"] == "data"
    assert sorted(
        (e["cidrBlock"], e["protocol"], e["fromPort"], e["toPort"], e["action"])
        for e in acl.inputs["ingress"]
    ) == [(c, "tcp", 5432, 5432, "allow") for c in APP_CIDRS]


def test_data_acl_returns_only_ephemeral_traffic_to_app_subnets(doc):
    acl = only(doc, t.NETWORK_ACL)
    assert sorted(
        (e["cidrBlock"], e["protocol"], e["fromPort"], e["toPort"], e["action"]) for e in acl.inputs["egress"]
    ) == [(c, "tcp", 1024, 65535, "allow") for c in APP_CIDRS]


def test_data_acl_associated_with_data_subnets(prod):
    doc, _ = prod
    acl = only(doc, t.NETWORK_ACL)
    assert sorted(acl.inputs["subnetIds"]) == sorted(s.id for s in subnets(doc, "data"))


def test_flow_log_records_all_traffic(doc):
    flow = only(doc, t.FLOW_LOG)
    group = only(doc, t.LOG_GROUP)
    assert flow.inputs["vpcId"] == only(doc, t.VPC).id
    assert flow.inputs["trafficType"] == "ALL"
    assert flow.inputs["logDestinationType"] == "cloud-watch-logs"
    assert flow.inputs["logDestination"] == group.outputs["arn"]


def test_flow_log_group_encrypted_with_key(doc):
    assert only(doc, t.LOG_GROUP).inputs["kmsKeyId"] == AUDIT_KEY


def test_flow_log_group_retention(doc):
    assert only(doc, t.LOG_GROUP).inputs["retentionInDays"] == 731


def test_flow_log_role_scoped_to_its_log_group(doc):
    arn = only(doc, t.LOG_GROUP).outputs["arn"]
    role = only(doc, t.IAM_ROLE)
    trust = policy(role.inputs["assumeRolePolicy"])["Statement"]
    assert [s["Principal"] for s in trust] == [{"Service": "vpc-flow-logs.amazonaws.com"}]
    managed = only(doc, t.IAM_POLICY)
    write, listing = policy(managed.inputs["policy"])["Statement"]
    assert write["Resource"] == [arn, f"{arn}:*"]
    assert write["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    assert (listing["Action"], listing["Resource"]) == (
        "logs:DescribeLogGroups", f"arn:aws:logs:{REGION}:{only(doc, t.VPC).outputs['ownerId']}:log-group:*")
    flow = only(doc, t.FLOW_LOG)
    assert flow.inputs["iamRoleArn"] == role.outputs["arn"]
    attachment = only(doc, t.IAM_ROLE_POLICY_ATTACHMENT)
    assert (attachment.inputs["role"], attachment.inputs["policyArn"]) == (role.outputs["name"],
                                                                          managed.outputs["arn"])
    assert attachment.urn in flow.dependencies


def test_flow_log_role_has_no_inline_policy(doc):
    """Issue 14, point 11: AWS Config's iam-no-inline-policy-check, which the baseline deploys, flags inline
    role policies; the flow-logs role's permissions are a managed policy attached to it."""
    assert doc.of_type(t.IAM_ROLE_POLICY) == []


def test_s3_gateway_endpoint_on_app_and_data_tables(doc):
    (s3,) = [
        e for e in doc.of_type(t.VPC_ENDPOINT) if e.inputs["serviceName"] == f"com.amazonaws.{REGION}.s3"
    ]
    assert s3.inputs["vpcEndpointType"] == "Gateway"
    expected = tables_of(doc, subnets(doc, "app")) | tables_of(doc, subnets(doc, "data"))
    assert set(s3.inputs["routeTableIds"]) == expected


@pytest.mark.parametrize("service", ["kms", "secretsmanager", "logs", "sts"])
def test_interface_endpoint_with_private_dns_in_app_subnets(doc, service):
    (endpoint,) = [
        e
        for e in doc.of_type(t.VPC_ENDPOINT)
        if e.inputs["serviceName"] == f"com.amazonaws.{REGION}.{service}"
    ]
    assert endpoint.inputs["vpcEndpointType"] == "Interface"
    assert endpoint.inputs["privateDnsEnabled"] is True
    assert sorted(endpoint.inputs["subnetIds"]) == sorted(s.id for s in subnets(doc, "app"))
    assert endpoint.inputs["securityGroupIds"] == [sg(doc, "pms-endpoint-sg").id]


def test_endpoint_sg_admits_https_from_app_sg_only(doc):
    endpoint_sg, app_sg = sg(doc, "pms-endpoint-sg"), sg(doc, "pms-app-sg")
    rules = [r for r in doc.of_type(t.SG_INGRESS_RULE) if r.inputs["securityGroupId"] == endpoint_sg.id]
    assert [
        (
            r.inputs["referencedSecurityGroupId"],
            r.inputs["ipProtocol"],
            r.inputs["fromPort"],
            r.inputs["toPort"],
        )
        for r in rules
    ] == [(app_sg.id, "tcp", 443, 443)]
    assert "cidrIpv4" not in rules[0].inputs
    assert endpoint_sg.props.get("ingress") in (None, [])


def test_app_security_group_has_no_cidr_ingress(doc):
    app_sg = sg(doc, "pms-app-sg")
    assert app_sg.props.get("ingress") in (None, [])
    assert [r for r in doc.of_type(t.SG_INGRESS_RULE) if r.inputs["securityGroupId"] == app_sg.id] == []


def test_sealed_network_has_no_internet_path(sealed):
    doc, network = sealed
    assert network.public_subnet_ids == []
    assert subnets(doc, "public") == []
    for token in (t.INTERNET_GATEWAY, t.NAT_GATEWAY, t.EIP, t.ROUTE):
        assert doc.of_type(token) == [], token
    assert [r for r in doc.of_type(t.SG_EGRESS_RULE) if r.inputs.get("cidrIpv4") == "0.0.0.0/0"] == []


def test_sealed_network_keeps_private_aws_access(sealed):
    doc, _ = sealed
    assert len(doc.of_type(t.VPC_ENDPOINT)) == 5
    assert only(doc, t.FLOW_LOG).inputs["trafficType"] == "ALL"


@pytest.mark.parametrize("which", ["doc", "staging"])
def test_passes_the_network_rules(request, which):
    assert rule_violations(request.getfixturevalue(which), ("ec2-", "logs-")) == {}


def test_sealed_passes_the_network_rules(sealed):
    assert rule_violations(sealed[0], ("ec2-", "logs-", "isolation-test-network")) == {}
