import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.autoscaling.autoscaling_group_elb_health_check import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

TG = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/pms/0123456789abcdef"


def group(**props):
    return res(t.AUTOSCALING_GROUP, "app", name="app-asg", minSize=2, maxSize=4, **props)


def violation(value):
    return Violation(
        f"healthCheckType is {value} (EC2 when unset) on a group behind a load balancer, so instances that fail "
        "the load balancer's health check stay in service; set health_check_type='ELB' (164.308(a)(7)(ii)(C))",
        urn(t.AUTOSCALING_GROUP, "app"),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([group(targetGroupArns=[TG], healthCheckType="ELB")], [], id="pass-elb"),
        pytest.param([group(healthCheckType="EC2")], [], id="pass-no-load-balancer"),
        pytest.param([group(targetGroupArns=[TG])], [violation("unset")], id="fail-target-group-unset"),
        pytest.param([group(loadBalancers=["classic"], healthCheckType="EC2")], [violation("EC2")],
                     id="fail-classic-ec2"),
        pytest.param(
            [group(healthCheckType="EC2"),
             res(t.AUTOSCALING_ATTACHMENT, "attach", autoscalingGroupName="app-asg", lbTargetGroupArn=TG)],
            [violation("EC2")],
            id="fail-separate-attachment",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
