"""Every EC2 instance in the stack is protected by an AWS Backup selection.

AWS Config `ec2-resources-protected-by-backup-plan`: https://docs.aws.amazon.com/config/latest/developerguide/ec2-resources-protected-by-backup-plan.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.backup_coverage import label, uncovered


@stack_rule(
    id="backup-selection-covers-ec2-instances",
    title="Every EC2 instance is covered by an AWS Backup selection",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.EC2_INSTANCE, t.BACKUP_SELECTION),
    remediation="Add the instance's ARN to a backup selection's resources (or tag it with a selection's tag) in a "
    "BackupVault plan.",
    aws_config_rules=("ec2-resources-protected-by-backup-plan",),
)
def check(resources, config):
    """Each instance's ARN is in a selection's resources (or matched by a wildcard or selection tag)."""
    return [
        Violation(
            f"EC2 instance {label(r)} is in no backup selection's resources; add its ARN to a backup selection "
            "of the BackupVault plan (164.308(a)(7)(ii)(A))",
            r.urn,
        )
        for r in uncovered(resources, (t.EC2_INSTANCE,), ":instance/")
    ]
