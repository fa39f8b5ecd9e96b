import pytest

from pms_baseline_pack.rules.rds.rds_instance_auto_minor_version_upgrade import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"autoMinorVersionUpgrade": True}, [], id="pass-on"),
        pytest.param({}, [], id="pass-unset-aws-default-on"),
        pytest.param(
            {"autoMinorVersionUpgrade": False},
            [
                "autoMinorVersionUpgrade is false; use PhiDatabase or set auto_minor_version_upgrade=True "
                "so engine security fixes are applied in the maintenance window (164.308(a)(5)(ii)(B))"
            ],
            id="fail-off",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
