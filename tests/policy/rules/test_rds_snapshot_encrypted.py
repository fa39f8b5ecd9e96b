import pytest

from pms_baseline_pack.rules.rds.rds_snapshot_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


def unencrypted(prop):
    return (
        f"{prop} is false; snapshot only instances with storage encrypted by the PHI data key, or copy the "
        "snapshot with kms_key_id set to a customer-managed key (164.312(a)(2)(iv))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"dbInstanceIdentifier": "pms-db", "encrypted": True}, [], id="pass-encrypted"),
        pytest.param({"dbInstanceIdentifier": "pms-db"}, [], id="pass-before-creation"),
        pytest.param({"sourceDbSnapshotIdentifier": "snap", "kmsKeyId": KEY_ARN}, [], id="pass-copy-cmk"),
        pytest.param({"encrypted": False}, [unencrypted("encrypted")], id="fail-unencrypted-snapshot"),
        pytest.param(
            {"storageEncrypted": False}, [unencrypted("storageEncrypted")], id="fail-cluster-snapshot"
        ),
        pytest.param(
            {"sourceDbSnapshotIdentifier": "snap", "kmsKeyId": "alias/aws/rds"},
            [
                "kmsKeyId is alias/aws/rds, an AWS-managed key; set kms_key_id to the PHI data or backups "
                "key (164.312(a)(2)(iv))"
            ],
            id="fail-copy-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
