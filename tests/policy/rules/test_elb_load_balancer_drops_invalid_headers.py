import pytest

from pms_baseline_pack.rules.elb.elb_load_balancer_drops_invalid_headers import check as rule

FAIL = (
    "dropInvalidHeaderFields is {}; use the Edge component or set drop_invalid_header_fields=True so "
    "malformed headers never reach the PMS (164.312(e)(2)(i))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"loadBalancerType": "application", "dropInvalidHeaderFields": True}, [], id="pass-dropping"
        ),
        pytest.param({"loadBalancerType": "network"}, [], id="pass-not-application"),
        pytest.param({"dropInvalidHeaderFields": False}, [FAIL.format("false")], id="fail-kept"),
        pytest.param({"loadBalancerType": "application"}, [FAIL.format("unset")], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
