import pytest

from pms_baseline_pack.rules.rds.rds_cluster_deletion_protection_enabled import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"deletionProtection": True}, [], id="pass-protected"),
        pytest.param(
            {"deletionProtection": False},
            ["deletionProtection is false; set deletion_protection=True so the cluster cannot be destroyed by one "
             "command (164.312(c)(1))"],
            id="fail-false",
        ),
        pytest.param(
            {},
            ["deletionProtection is unset; set deletion_protection=True so the cluster cannot be destroyed by one "
             "command (164.312(c)(1))"],
            id="fail-unset",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
