import pytest

from pms_baseline.state import SECRET
from pms_baseline_pack.rules.rds.rds_instance_master_password_managed import check as rule

PASSWORD = (
    "password is set, so the master password sits in the program's config and state; remove it and set "
    "manage_master_user_password=True (164.308(a)(5)(ii)(D))"
)


def unmanaged(value):
    return (
        f"manageMasterUserPassword is {value}; use PhiDatabase or set manage_master_user_password=True so "
        "Secrets Manager generates and rotates the password (164.308(a)(5)(ii)(D))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"manageMasterUserPassword": True}, [], id="pass-managed"),
        pytest.param({"replicateSourceDb": "pms-db"}, [], id="pass-replica"),
        pytest.param({"password": SECRET}, [PASSWORD, unmanaged("unset")], id="fail-secret-password"),
        pytest.param(
            {"manageMasterUserPassword": True, "password": "hunter2"},
            [PASSWORD],
            id="fail-password-and-managed",
        ),
        pytest.param({"manageMasterUserPassword": False}, [unmanaged("false")], id="fail-unmanaged"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
