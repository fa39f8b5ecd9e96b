"""Every EFS file system in the stack is protected by AWS Backup: in a backup selection, or with automatic
backups on (an ``aws:efs/backupPolicy:BackupPolicy`` with status ENABLED puts it in the default backup plan).

AWS Config ``efs-in-backup-plan``: https://docs.aws.amazon.com/config/latest/developerguide/efs-in-backup-plan.html
EFS automatic backups: https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.backup_coverage import label, uncovered
from pms_baseline_pack.rules.props import block, of_type, resource_identities


def _automatic_backups(resources) -> set[str] | None:
    """The file systems an ENABLED backup policy names; None when one of them is unknown at preview."""
    named: set[str] = set()
    for policy in of_type(resources, t.EFS_BACKUP_POLICY):
        fs, status = policy.props.get("fileSystemId"), (block(policy.props.get("backupPolicy")) or {}).get("status")
        if is_opaque(fs) or is_opaque(status):
            return None
        if isinstance(fs, str) and status == "ENABLED":
            named.add(fs)
    return named


# checkov's CKV2_AWS_18 is no twin: it sees only a selection that references the resource in the plan, not an ARN
# pattern, a selection tag or an EFS backup policy, so it would block stacks AWS Backup covers.
@stack_rule(
    id="backup-selection-covers-efs-file-systems",
    title="Every EFS file system is covered by AWS Backup",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.EFS_FILE_SYSTEM, t.EFS_BACKUP_POLICY, t.BACKUP_SELECTION),
    remediation="Add the file system's ARN to a backup selection of a BackupVault plan, or turn on its automatic "
    "backups (aws.efs.BackupPolicy with status ENABLED).",
    aws_config_rules=("efs-in-backup-plan",),
)
def check(resources, config):
    """Each file system is in a selection's resources (or matched by a wildcard or tag) or backed up automatically."""
    automatic = _automatic_backups(resources)
    if automatic is None:
        return []
    return [
        Violation(
            f"EFS file system {label(r)} is in no backup selection's resources and has no ENABLED backup policy; "
            "add its ARN to a backup selection of the BackupVault plan (164.308(a)(7)(ii)(A))",
            r.urn,
        )
        for r in uncovered(resources, (t.EFS_FILE_SYSTEM,), ":file-system/")
        if not resource_identities(r) & automatic
    ]
