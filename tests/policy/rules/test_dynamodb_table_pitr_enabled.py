import pytest

from pms_baseline_pack.rules.dynamodb.dynamodb_table_pitr_enabled import check as rule


def message(value):
    return (f"pointInTimeRecovery.enabled is {value}; set point_in_time_recovery={{'enabled': True}} so the table "
            "can be restored to any second of the last 35 days (164.308(a)(7)(ii)(A))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"pointInTimeRecovery": {"enabled": True}}, [], id="pass-enabled"),
        pytest.param({"pointInTimeRecovery": [{"enabled": True}]}, [], id="pass-enabled-as-list"),
        pytest.param({"pointInTimeRecovery": {"enabled": False}}, [message("false")], id="fail-disabled"),
        pytest.param({"name": "visits"}, [message("unset")], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
