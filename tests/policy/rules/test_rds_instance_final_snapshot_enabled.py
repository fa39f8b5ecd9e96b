import pytest

from pms_baseline_pack.rules.rds.rds_instance_final_snapshot_enabled import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"skipFinalSnapshot": False, "finalSnapshotIdentifier": "pms-db-final"}, [], id="pass-final"
        ),
        pytest.param({}, [], id="pass-unset-provider-default-false"),
        pytest.param(
            {"skipFinalSnapshot": True},
            [
                "skipFinalSnapshot is true, so deleting the instance destroys its data without a snapshot; "
                "set skip_final_snapshot=False with a final_snapshot_identifier (164.308(a)(7)(ii)(A))"
            ],
            id="fail-skipped",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
