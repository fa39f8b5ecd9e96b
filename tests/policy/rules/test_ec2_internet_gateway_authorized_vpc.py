import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource
from pms_baseline_pack.rules.ec2.ec2_internet_gateway_authorized_vpc import check as rule
from tests.policy.rules.builders import res, urn

VPC = StackResource(urn=urn(t.VPC, "vpc"), type=t.VPC, name="vpc", props={"id": "vpc-0aa"}, id="vpc-0aa")
IGW = StackResource(urn=urn(t.INTERNET_GATEWAY, "igw"), type=t.INTERNET_GATEWAY, name="igw",
                    props={"vpcId": "vpc-0aa"}, id="igw-0bb")
FOREIGN = StackResource(urn=urn(t.INTERNET_GATEWAY, "igw"), type=t.INTERNET_GATEWAY, name="igw",
                        props={"vpcId": "vpc-0prod"}, id="igw-0bb")
AS_DEPLOYED = {"authorizeStackVpcs": False}


def message(gateway, vpc):
    return (f"internet gateway {gateway} is attached to VPC {vpc}, which is not authorised to reach the internet; "
            "attach gateways only to the internet-facing tier's VPC (164.312(a)(1))")


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([VPC, IGW], {}, [], id="pass-stack-vpc"),
        pytest.param([VPC, IGW], {**AS_DEPLOYED, "authorizedVpcIds": ["vpc-0aa"]}, [], id="pass-listed"),
        pytest.param([VPC, res(t.INTERNET_GATEWAY, "igw", vpcId=UNKNOWN)], AS_DEPLOYED, [], id="pass-unknown"),
        pytest.param([VPC, res(t.INTERNET_GATEWAY, "igw")], AS_DEPLOYED, [], id="pass-detached"),
        pytest.param([VPC, FOREIGN], {}, [(message("igw-0bb", "vpc-0prod"), FOREIGN.urn)], id="fail-foreign-vpc"),
        pytest.param([VPC, IGW], AS_DEPLOYED, [(message("igw-0bb", "vpc-0aa"), IGW.urn)],
                     id="fail-none-authorised"),
        pytest.param(
            [VPC, res(t.INTERNET_GATEWAY_ATTACHMENT, "att", internetGatewayId="igw-0cc", vpcId="vpc-0dd")], {},
            [(message("igw-0cc", "vpc-0dd"), urn(t.INTERNET_GATEWAY_ATTACHMENT, "att"))], id="fail-attachment",
        ),
    ],
)
def test_check(resources, config, expected):
    assert [(v.message, v.urn) for v in rule.run_stack(resources, config)] == expected
