"""Every EBS volume in the stack is protected by an AWS Backup selection.

AWS Config `ebs-in-backup-plan`: https://docs.aws.amazon.com/config/latest/developerguide/ebs-in-backup-plan.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.backup_coverage import label, uncovered


# checkov's CKV2_AWS_9 is no twin: it sees only a selection that references the resource in the plan, not an ARN
# pattern or a selection tag, so it would block stacks AWS Backup covers.
@stack_rule(
    id="backup-selection-covers-ebs-volumes",
    title="Every EBS volume is covered by an AWS Backup selection",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.EBS_VOLUME, t.BACKUP_SELECTION),
    remediation="Add the volume's ARN to a backup selection's resources (or tag it with a selection's tag) in a "
    "BackupVault plan.",
    aws_config_rules=("ebs-in-backup-plan",),
)
def check(resources, config):
    """Each volume's ARN is in a selection's resources (or matched by a wildcard or selection tag)."""
    return [
        Violation(
            f"EBS volume {label(r)} is in no backup selection's resources; add its ARN to a backup selection "
            "of the BackupVault plan (164.308(a)(7)(ii)(A))",
            r.urn,
        )
        for r in uncovered(resources, (t.EBS_VOLUME,), ":volume/")
    ]
