import pytest

from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_logging_enabled import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"enableLogging": True}, [], id="pass-logging"),
        pytest.param({}, [], id="pass-default"),
        pytest.param(
            {"enableLogging": False},
            [
                "enableLogging is false, so the trail records nothing; use AuditTrail or set "
                "enable_logging=True (164.312(b))"
            ],
            id="fail-disabled",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
