import pytest

from pms_baseline_pack.rules.rds.rds_instance_not_publicly_accessible import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"publiclyAccessible": False}, [], id="pass-private"),
        pytest.param({}, [], id="pass-unset-aws-default-private"),
        pytest.param(
            {"publiclyAccessible": True},
            [
                "publiclyAccessible is true; use PhiDatabase or set publicly_accessible=False so the "
                "database is reachable only from the app tier (164.312(a)(1))"
            ],
            id="fail-public",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
