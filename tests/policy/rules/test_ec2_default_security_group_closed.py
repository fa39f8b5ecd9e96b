import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.ec2.ec2_default_security_group_closed import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

VPC_ID = "vpc-0123456789abcdef0"
DEFAULT_SG = "sg-0default000000000"
VPC = res(
    t.VPC, "pms-vpc", arn=f"arn:aws:ec2:us-east-1:{ACCOUNT}:vpc/{VPC_ID}", defaultSecurityGroupId=DEFAULT_SG
)


def default_sg(ingress=(), egress=()):
    return res(
        t.DEFAULT_SECURITY_GROUP, "pms-default-sg", vpcId=VPC_ID, ingress=list(ingress), egress=list(egress)
    )


ALL = {"protocol": "-1", "fromPort": 0, "toPort": 0, "self": True}


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([VPC, default_sg()], [], id="pass-closed"),
        pytest.param(
            [VPC],
            [
                Violation(
                    "VPC pms-vpc has no DefaultSecurityGroup resource, so its default security group keeps "
                    "AWS's allow-all-within-group rules; declare aws.ec2.DefaultSecurityGroup with no "
                    "ingress or egress (164.312(a)(1))",
                    urn(t.VPC, "pms-vpc"),
                )
            ],
            id="fail-not-adopted",
        ),
        pytest.param(
            [VPC, default_sg(ingress=[ALL], egress=[ALL])],
            [
                Violation(
                    "default security group pms-default-sg has 1 ingress rule(s); set ingress=[] and use "
                    "dedicated security groups (164.312(a)(1))",
                    urn(t.DEFAULT_SECURITY_GROUP, "pms-default-sg"),
                ),
                Violation(
                    "default security group pms-default-sg has 1 egress rule(s); set egress=[] and use "
                    "dedicated security groups (164.312(a)(1))",
                    urn(t.DEFAULT_SECURITY_GROUP, "pms-default-sg"),
                ),
            ],
            id="fail-rules",
        ),
        pytest.param(
            [
                VPC,
                default_sg(),
                res(t.SG_INGRESS_RULE, "sneaky", securityGroupId=DEFAULT_SG, ipProtocol="-1"),
            ],
            [
                Violation(
                    "security group rule sneaky is attached to a VPC's default security group; attach it "
                    "to a dedicated security group instead (164.312(a)(1))",
                    urn(t.SG_INGRESS_RULE, "sneaky"),
                )
            ],
            id="fail-rule-resource-on-default",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
