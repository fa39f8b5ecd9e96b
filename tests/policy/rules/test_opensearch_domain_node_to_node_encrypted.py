import pytest

from pms_baseline_pack.rules.opensearch.opensearch_domain_node_to_node_encrypted import check as rule
from tests.policy.rules.opensearch_cases import NODE_TO_NODE


@pytest.mark.parametrize(("props", "expected"), NODE_TO_NODE)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
