import pytest

from pms_baseline_pack.rules.rds.rds_snapshot_not_public import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"sharedAccounts": ["310987654321"]}, [], id="pass-named-account"),
        pytest.param({}, [], id="pass-unshared"),
        pytest.param(
            {"sharedAccounts": ["all"]},
            [
                "sharedAccounts includes 'all', which makes the snapshot restorable by any AWS account; "
                "remove it (164.312(a)(1))"
            ],
            id="fail-public",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
