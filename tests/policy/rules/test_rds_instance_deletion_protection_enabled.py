import pytest

from pms_baseline_pack.rules.rds.rds_instance_deletion_protection_enabled import check as rule

FIX = (
    "; use PhiDatabase or set deletion_protection=True so the PHI database cannot be destroyed by one "
    "command (164.312(c)(1))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"deletionProtection": True}, [], id="pass-protected"),
        pytest.param({"deletionProtection": False}, ["deletionProtection is false" + FIX], id="fail-off"),
        pytest.param({}, ["deletionProtection is unset" + FIX], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
