import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.wafv2.wafv2_logging_destination_named_aws_waf_logs import check as rule
from tests.policy.rules.builders import ACCOUNT


def logging(*destinations):
    return {
        "logDestinationConfigs": list(destinations),
        "resourceArn": f"arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/app/1",
    }


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(logging(f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:aws-waf-logs-app"), [], id="pass-log-group"),
        pytest.param(
            logging(
                "arn:aws:s3:::aws-waf-logs-app", f"arn:aws:firehose:us-east-1:{ACCOUNT}:deliverystream/aws-waf-logs-app"
            ),
            [],
            id="pass-bucket-and-stream",
        ),
        pytest.param(logging(UNKNOWN), [], id="pass-unknown"),
        pytest.param(
            logging(f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:waf-app:*"),
            [
                (
                    "logDestinationConfigs names logs destination waf-app, whose name does not "
                    "start with aws-waf-logs-, so AWS WAF refuses the logging configuration; "
                    "rename it aws-waf-logs-waf-app"
                ),
            ],
            id="fail-log-group",
        ),
        pytest.param(
            logging("arn:aws:s3:::waf-app"),
            [
                (
                    "logDestinationConfigs names s3 destination waf-app, whose name does not "
                    "start with aws-waf-logs-, so AWS WAF refuses the logging configuration; "
                    "rename it aws-waf-logs-waf-app"
                ),
            ],
            id="fail-bucket",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
