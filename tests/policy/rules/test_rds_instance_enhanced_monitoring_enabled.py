import pytest

from pms_baseline_pack.rules.rds.rds_instance_enhanced_monitoring_enabled import check as rule


def message(found, maximum=60):
    return (
        f"monitoringInterval is {found}; use PhiDatabase or set monitoring_interval to at most {maximum} "
        "seconds with a monitoring role (164.308(a)(1)(ii)(D))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"monitoringInterval": 60}, [], id="pass-60"),
        pytest.param({"monitoringInterval": 15.0}, [], id="pass-15-as-float"),
        pytest.param({"monitoringInterval": 0}, [message(0)], id="fail-disabled"),
        pytest.param({}, [message("unset")], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_maximum_interval_is_tunable():
    assert rule.run_resource({"monitoringInterval": 60}, {"maximumIntervalSeconds": 30}) == [message(60, 30)]
