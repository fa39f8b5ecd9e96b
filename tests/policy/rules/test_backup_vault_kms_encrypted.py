import pytest

from pms_baseline_pack.rules.backup.backup_vault_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"kmsKeyArn": KEY_ARN}, [], id="pass-cmk"),
        pytest.param(
            {},
            [
                "kmsKeyArn is unset, so AWS uses its managed key; use BackupVault or set kms_key_arn to "
                "the backups key (164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"kmsKeyArn": "arn:aws:kms:us-east-1:210987654321:alias/aws/backup"},
            [
                "kmsKeyArn is arn:aws:kms:us-east-1:210987654321:alias/aws/backup, an AWS-managed key; use "
                "BackupVault or set kms_key_arn to the backups key (164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
