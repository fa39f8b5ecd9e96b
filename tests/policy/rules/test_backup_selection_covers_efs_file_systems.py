import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.backup.backup_selection_covers_efs_file_systems import check as rule
from tests.policy.rules.backup_cases import TAG, coverage_cases, missing, selection
from tests.policy.rules.builders import ACCOUNT, res

ARN = f"arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:file-system/fs-0abc1234"
FILES = res(t.EFS_FILE_SYSTEM, "files", id="fs-0abc1234", arn=ARN, tags=TAG)
GONE = missing(FILES, "EFS file system", " and has no ENABLED backup policy")


def backup_policy(status):
    return res(t.EFS_BACKUP_POLICY, "files-backup", fileSystemId="fs-0abc1234", backupPolicy={"status": status})


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        *coverage_cases(FILES, f"arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:file-system/*", GONE),
        pytest.param([FILES, backup_policy("ENABLED")], [], id="pass-automatic-backups"),
        pytest.param([res(t.EFS_FILE_SYSTEM, "files", id="fs-0abc1234"),
                      selection(resources=["arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-0abc1234"])],
                     [], id="pass-arn-unknown-matched-by-id"),
        pytest.param([FILES, backup_policy("DISABLED")], [GONE], id="fail-automatic-backups-disabled"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
