import pytest

from pms_baseline_pack.rules.rds.rds_instance_iam_authentication_enabled import check as rule

FIX = (
    "; use PhiDatabase or set iam_database_authentication_enabled=True so each user authenticates with "
    "their own identity (164.312(d))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"iamDatabaseAuthenticationEnabled": True}, [], id="pass-enabled"),
        pytest.param(
            {"iamDatabaseAuthenticationEnabled": False},
            ["iamDatabaseAuthenticationEnabled is false" + FIX],
            id="fail-off",
        ),
        pytest.param({}, ["iamDatabaseAuthenticationEnabled is unset" + FIX], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
