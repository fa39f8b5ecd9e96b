import pytest

from pms_baseline_pack.rules.opensearch.opensearch_domain_logs_to_cloudwatch import check as rule
from tests.policy.rules.opensearch_cases import APPLICATION_LOGS, LOGS


@pytest.mark.parametrize(("props", "expected"), LOGS)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_required_log_types_are_tunable():
    assert rule.run_resource(APPLICATION_LOGS, {"logTypes": ["ES_APPLICATION_LOGS", "AUDIT_LOGS"]}) == [
        "logPublishingOptions does not publish AUDIT_LOGS to CloudWatch Logs; add a log_publishing_options entry "
        "with a cloudwatch_log_group_arn for each (164.312(b))"]
    assert rule.config["logTypes"].refusal(["DEBUG_LOGS"]) is not None
