import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.backup.backup_selection_covers_efs_file_systems import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

ARN = f"arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:file-system/fs-0abc1234"
THING = res(t.EFS_FILE_SYSTEM, "files", arn=ARN, tags={"backup": "phi"}, id="fs-0abc1234")


def backup_policy(status):
    return res(t.EFS_BACKUP_POLICY, "files-backup", fileSystemId="fs-0abc1234", backupPolicy={"status": status})


def selection(**props):
    return res(t.BACKUP_SELECTION, "sel", planId="plan-1", iamRoleArn=f"arn:aws:iam::{ACCOUNT}:role/b", **props)


MISSING = Violation(
    f"EFS file system {ARN} is in no backup selection's resources and has no ENABLED backup policy; add its ARN to a "
    "backup selection of the BackupVault plan (164.308(a)(7)(ii)(A))",
    urn(t.EFS_FILE_SYSTEM, "files"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([THING, selection(resources=[ARN])], [], id="pass-arn-listed"),
        pytest.param([THING, selection(resources=["*"])], [], id="pass-everything"),
        pytest.param(
            [THING, selection(resources=[ARN.rsplit("file-system/", 1)[0] + "file-system/*"])], [], id="pass-wildcard"
        ),
        pytest.param(
            [THING, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "phi"}])],
            [],
            id="pass-selection-tag",
        ),
        pytest.param([THING, backup_policy("ENABLED")], [], id="pass-automatic-backups"),
        pytest.param(
            [res(t.EFS_FILE_SYSTEM, "files", id="fs-0abc1234"),
             selection(resources=["arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-0abc1234"])],
            [],
            id="pass-arn-unknown-matched-by-id",
        ),
        pytest.param([THING], [MISSING], id="fail-no-selection"),
        pytest.param([THING, backup_policy("DISABLED")], [MISSING], id="fail-automatic-backups-disabled"),
        pytest.param([THING, selection(resources=[ARN + "-other"])], [MISSING], id="fail-other-resource"),
        pytest.param(
            [THING, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "none"}])],
            [MISSING],
            id="fail-tag-value-differs",
        ),
        pytest.param(
            [THING, selection(resources=["*"], notResources=[ARN])], [MISSING], id="fail-excluded-by-not-resources"
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
