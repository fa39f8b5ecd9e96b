import pytest

from pms_baseline_pack.rules.opensearch.elasticsearch_domain_encrypted_at_rest import check as rule
from tests.policy.rules.opensearch_cases import ENCRYPTED_AT_REST


@pytest.mark.parametrize(("props", "expected"), ENCRYPTED_AT_REST)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
