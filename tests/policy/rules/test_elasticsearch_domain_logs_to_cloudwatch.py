import pytest

from pms_baseline_pack.rules.opensearch.elasticsearch_domain_logs_to_cloudwatch import check as rule
from tests.policy.rules.opensearch_cases import LOGS


@pytest.mark.parametrize(("props", "expected"), LOGS)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
