import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.isolation.isolation_test_network_sealed import check as rule
from tests.policy.rules.builders import res, urn

TEST = {"environment": "test"}
VPC = res(t.VPC, "pms-vpc", cidrBlock="10.30.0.0/16", tags=TEST)
ENDPOINT = res(t.VPC_ENDPOINT, "pms-s3-endpoint", vpcId="vpc-1", tags=TEST)


def fail(type_, kind, name):
    return Violation(
        f"the test environment declares {kind} {name}; a sealed test environment has no path to production "
        "or the internet, remove it (164.308(a)(4)(ii)(A))",
        urn(type_, name),
    )


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([VPC, ENDPOINT], {}, [], id="pass-sealed"),
        pytest.param(
            [res(t.VPC, "pms-vpc", tags={"environment": "prod"}), res(t.INTERNET_GATEWAY, "pms-igw")],
            {},
            [],
            id="pass-not-a-test-stack",
        ),
        pytest.param(
            [VPC, res(t.VPC_PEERING_CONNECTION, "pms-peer", vpcId="vpc-1", peerVpcId="vpc-prod", tags=TEST)],
            {},
            [fail(t.VPC_PEERING_CONNECTION, "VpcPeeringConnection", "pms-peer")],
            id="fail-peering",
        ),
        pytest.param(
            [
                VPC,
                res(t.INTERNET_GATEWAY, "pms-igw", tags=TEST),
                res(t.NAT_GATEWAY, "pms-nat", tags=TEST),
                res(t.TRANSIT_GATEWAY_VPC_ATTACHMENT, "pms-tgw", tags=TEST),
                res(t.VPN_GATEWAY, "pms-vgw", tags=TEST),
                res(t.VPN_CONNECTION, "pms-vpn", tags=TEST),
            ],
            {},
            [
                fail(t.INTERNET_GATEWAY, "InternetGateway", "pms-igw"),
                fail(t.NAT_GATEWAY, "NatGateway", "pms-nat"),
                fail(t.TRANSIT_GATEWAY_VPC_ATTACHMENT, "VpcAttachment", "pms-tgw"),
                fail(t.VPN_GATEWAY, "VpnGateway", "pms-vgw"),
                fail(t.VPN_CONNECTION, "VpnConnection", "pms-vpn"),
            ],
            id="fail-every-gateway",
        ),
        pytest.param(
            [res(t.VPC, "pms-vpc", tags={"environment": "qa"}), res(t.NAT_GATEWAY, "pms-nat")],
            {"testEnvironments": ["qa"]},
            [fail(t.NAT_GATEWAY, "NatGateway", "pms-nat")],
            id="fail-configured-test-environment",
        ),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected
