import pytest

from pms_baseline_pack.rules.opensearch.elasticsearch_domain_in_vpc import check as rule
from tests.policy.rules.opensearch_cases import IN_VPC


@pytest.mark.parametrize(("props", "expected"), IN_VPC)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
