import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.wafv2.wafv2_internet_facing_alb_protected import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

LB_ARN = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/pms-alb/50dc6c495c0c9188"


def lb(type_=t.LOAD_BALANCER, **props):
    return res(type_, "pms-alb", name="pms-alb", arn=LB_ARN, loadBalancerType="application", **props)


def association(arn):
    return res(t.WAF_WEB_ACL_ASSOCIATION, "pms-waf-assoc", resourceArn=arn, webAclArn="arn:aws:wafv2:acl")


MISSING = Violation(
    "internet-facing load balancer pms-alb has no WAFv2 web ACL association; use the Edge component or "
    "associate a web ACL with managed rule groups and a rate limit (164.308(a)(5)(ii)(B))",
    urn(t.LOAD_BALANCER, "pms-alb"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([lb(internal=False), association(LB_ARN)], [], id="pass-associated"),
        pytest.param([lb(internal=True)], [], id="pass-internal"),
        pytest.param([lb(), association(UNKNOWN)], [], id="pass-unknown-association"),
        pytest.param([lb(internal=False)], [MISSING], id="fail-no-association"),
        pytest.param([lb(), association(LB_ARN.replace("pms-alb", "other"))], [MISSING], id="fail-other-lb"),
        pytest.param(
            [lb(t.ALB_LOAD_BALANCER)],
            [Violation(MISSING.message, urn(t.ALB_LOAD_BALANCER, "pms-alb"))],
            id="fail-alb-token",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
