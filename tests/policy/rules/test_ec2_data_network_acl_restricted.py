import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.ec2.ec2_data_network_acl_restricted import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

SUBNET_ID = "subnet-0data00000000000"
ACL_ID = "acl-0data000000000000"
DATA = res(
    t.SUBNET,
    "pms-data-a",
    arn=f"arn:aws:ec2:us-east-1:{ACCOUNT}:subnet/{SUBNET_ID}",
    tags={"pms-tier": "data"},
)
APP_IN = {
    "action": "allow",
    "ruleNo": 100,
    "protocol": "tcp",
    "fromPort": 5432,
    "toPort": 5432,
    "cidrBlock": "10.10.16.0/20",
}
WORLD_IN = {
    "action": "allow",
    "ruleNo": 200,
    "protocol": "-1",
    "fromPort": 0,
    "toPort": 0,
    "cidrBlock": "0.0.0.0/0",
}


def acl(*ingress, subnets=(SUBNET_ID,), **props):
    return res(
        t.NETWORK_ACL,
        "pms-data-acl",
        arn=f"arn:aws:ec2:us-east-1:{ACCOUNT}:network-acl/{ACL_ID}",
        subnetIds=list(subnets),
        ingress=list(ingress),
        **props,
    )


WORLD_MESSAGE = (
    "data network ACL pms-data-acl allows ingress from 0.0.0.0/0; allow only the database port from the "
    "app subnets (164.312(a)(1))"
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([DATA, acl(APP_IN)], [], id="pass-app-only"),
        pytest.param(
            [
                DATA,
                acl(APP_IN, subnets=()),
                res(t.NETWORK_ACL_ASSOCIATION, "assoc", networkAclId=ACL_ID, subnetId=SUBNET_ID),
            ],
            [],
            id="pass-association-resource",
        ),
        pytest.param([DATA, acl(APP_IN, {**WORLD_IN, "action": "deny"})], [], id="pass-world-deny"),
        pytest.param(
            [DATA],
            [
                Violation(
                    "data subnet pms-data-a has no network ACL in this stack, so the VPC's default ACL "
                    "(allow all) applies; attach a data-tier network ACL (164.312(a)(1))",
                    urn(t.SUBNET, "pms-data-a"),
                )
            ],
            id="fail-no-acl",
        ),
        pytest.param(
            [DATA, acl(APP_IN, WORLD_IN)],
            [Violation(WORLD_MESSAGE, urn(t.NETWORK_ACL, "pms-data-acl"))],
            id="fail-world-inline",
        ),
        pytest.param(
            [
                DATA,
                acl(APP_IN),
                res(
                    t.NETWORK_ACL_RULE,
                    "open",
                    networkAclId=ACL_ID,
                    egress=False,
                    ruleAction="allow",
                    cidrBlock="0.0.0.0/0",
                    protocol="-1",
                    ruleNumber=300,
                ),
            ],
            [Violation(WORLD_MESSAGE, urn(t.NETWORK_ACL_RULE, "open"))],
            id="fail-world-rule-resource",
        ),
        pytest.param(
            [acl(WORLD_IN, subnets=(), tags={"pms-tier": "data"})],
            [Violation(WORLD_MESSAGE, urn(t.NETWORK_ACL, "pms-data-acl"))],
            id="fail-tagged-data-acl",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
