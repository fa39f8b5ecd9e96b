import pytest

from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_global_service_events_included import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"includeGlobalServiceEvents": True}, [], id="pass-included"),
        pytest.param({}, [], id="pass-default"),
        pytest.param(
            {"includeGlobalServiceEvents": False},
            [
                "includeGlobalServiceEvents is false, so IAM and STS activity goes unrecorded; use "
                "AuditTrail or set include_global_service_events=True (164.312(b))"
            ],
            id="fail-excluded",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
