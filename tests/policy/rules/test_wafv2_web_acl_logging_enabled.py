import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.wafv2.wafv2_web_acl_logging_enabled import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

ACL_ARN = f"arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/pms-waf/a1b2c3"
ACL = res(t.WAF_WEB_ACL, "pms-waf", name="pms-waf", arn=ACL_ARN)
DEST = [f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:aws-waf-logs-pms"]


def logging(arn, dest=DEST):
    return res(t.WAF_LOGGING, "pms-waf-logging", resourceArn=arn, logDestinationConfigs=dest)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([ACL, logging(ACL_ARN)], [], id="pass-logging"),
        pytest.param([ACL, logging(UNKNOWN)], [], id="pass-unknown"),
        pytest.param(
            [ACL],
            [
                Violation(
                    "web ACL pms-waf has no WebAclLoggingConfiguration, so blocked and allowed requests go "
                    "unrecorded; use the Edge component or declare one (164.312(b))",
                    urn(t.WAF_WEB_ACL, "pms-waf"),
                )
            ],
            id="fail-no-logging",
        ),
        pytest.param(
            [ACL, logging(ACL_ARN, [])],
            [
                Violation(
                    "web ACL pms-waf logging configuration has no logDestinationConfigs; set it to an "
                    "aws-waf-logs-* log group (164.312(b))",
                    urn(t.WAF_LOGGING, "pms-waf-logging"),
                )
            ],
            id="fail-no-destination",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
