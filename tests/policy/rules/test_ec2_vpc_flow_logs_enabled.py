import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.ec2.ec2_vpc_flow_logs_enabled import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

VPC_ID = "vpc-0123456789abcdef0"
VPC = res(t.VPC, "pms-vpc", arn=f"arn:aws:ec2:us-east-1:{ACCOUNT}:vpc/{VPC_ID}")


def flow_log(traffic="ALL", vpc_id=VPC_ID):
    return res(
        t.FLOW_LOG, "pms-flow", vpcId=vpc_id, trafficType=traffic, logDestinationType="cloud-watch-logs"
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([VPC, flow_log()], [], id="pass-all-traffic"),
        pytest.param([res(t.VPC, "pms-vpc", id=VPC_ID), flow_log()], [], id="pass-match-by-id-output"),
        pytest.param([VPC, flow_log(vpc_id=UNKNOWN)], [], id="pass-unknown-vpc-id"),
        pytest.param(
            [VPC],
            [
                Violation(
                    "VPC pms-vpc has no flow log; declare an aws.ec2.FlowLog with vpc_id set to it and "
                    "traffic_type='ALL' (164.312(b))",
                    urn(t.VPC, "pms-vpc"),
                )
            ],
            id="fail-missing",
        ),
        pytest.param(
            [VPC, flow_log(vpc_id="vpc-0another")],
            [
                Violation(
                    "VPC pms-vpc has no flow log; declare an aws.ec2.FlowLog with vpc_id set to it and "
                    "traffic_type='ALL' (164.312(b))",
                    urn(t.VPC, "pms-vpc"),
                )
            ],
            id="fail-flow-log-of-another-vpc",
        ),
        pytest.param(
            [VPC, flow_log(traffic="REJECT")],
            [
                Violation(
                    "VPC pms-vpc flow logs record trafficType REJECT, not ALL; set traffic_type='ALL' "
                    "(164.312(b))",
                    urn(t.VPC, "pms-vpc"),
                )
            ],
            id="fail-reject-only",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
