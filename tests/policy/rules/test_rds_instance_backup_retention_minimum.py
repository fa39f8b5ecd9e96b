import pytest

from pms_baseline_pack.rules.rds.rds_instance_backup_retention_minimum import check as rule


def message(found, minimum):
    return (
        f"backupRetentionPeriod is {found}, below the minimum of {minimum} days; use PhiDatabase or set "
        f"backup_retention_period={minimum} or more (164.308(a)(7)(ii)(A))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"backupRetentionPeriod": 35}, [], id="pass-35"),
        pytest.param({"backupRetentionPeriod": 7.0}, [], id="pass-7-as-float"),
        pytest.param({"replicateSourceDb": "pms-db"}, [], id="pass-replica"),
        pytest.param({"backupRetentionPeriod": 1}, [message(1, 7)], id="fail-1"),
        pytest.param({"backupRetentionPeriod": 0}, [message(0, 7)], id="fail-disabled"),
        pytest.param({}, [message("unset", 7)], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_minimum_is_tunable_to_the_prod_floor():
    assert rule.run_resource({"backupRetentionPeriod": 14}, {"minimumDays": 35}) == [message(14, 35)]
    # The floor is the lowest environment's backupRetentionDays floor in infra/config.py, not 1 (issue 16).
    assert rule.config["minimumDays"].minimum == 7
