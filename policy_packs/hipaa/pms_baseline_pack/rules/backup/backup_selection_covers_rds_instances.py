"""Every RDS instance in the stack is protected by an AWS Backup selection."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.backup_coverage import label, uncovered


@stack_rule(
    id="backup-selection-covers-rds-instances",
    title="Every RDS instance is covered by an AWS Backup selection",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.RDS_INSTANCE, t.BACKUP_SELECTION),
    remediation="Use the BackupVault component with the database's ARN in protected_resource_arns, or add "
    "the instance's ARN to a backup selection's resources.",
    aws_config_rules=("rds-in-backup-plan",),
)
def check(resources, config):
    """Each RDS instance's ARN is in a selection's resources (or matched by a wildcard or selection tag)."""
    return [
        Violation(
            f"RDS instance {label(r)} is in no backup selection's resources; add it to the BackupVault "
            "component's protected_resource_arns (164.308(a)(7)(ii)(A))",
            r.urn,
        )
        for r in uncovered(resources, (t.RDS_INSTANCE,), ":db:")
    ]
