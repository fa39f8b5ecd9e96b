"""Every Aurora cluster in the stack is protected by an AWS Backup selection.

AWS Config ``aurora-resources-protected-by-backup-plan`` judges Aurora DB clusters (``AWS::RDS::DBCluster``
whose engine is an Aurora engine):
https://docs.aws.amazon.com/config/latest/developerguide/aurora-resources-protected-by-backup-plan.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.backup_coverage import label, uncovered


def _aurora(cluster) -> bool:
    engine = cluster.props.get("engine")
    return isinstance(engine, str) and engine.startswith("aurora")


# checkov's CKV2_AWS_8 is no twin: it sees only a selection that references the resource in the plan, not an ARN
# pattern or a selection tag, so it would block stacks AWS Backup covers.
@stack_rule(
    id="backup-selection-covers-aurora-clusters",
    title="Every Aurora cluster is covered by an AWS Backup selection",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.RDS_CLUSTER, t.BACKUP_SELECTION),
    remediation="Add the cluster's ARN to a backup selection's resources (or tag it with a selection's tag) in a "
    "BackupVault plan.",
    aws_config_rules=("aurora-resources-protected-by-backup-plan",),
)
def check(resources, config):
    """Each Aurora cluster's ARN is in a selection's resources (or matched by a wildcard or selection tag)."""
    return [
        Violation(
            f"Aurora cluster {label(r)} is in no backup selection's resources; add its ARN to a backup selection "
            "of the BackupVault plan (164.308(a)(7)(ii)(A))",
            r.urn,
        )
        for r in uncovered(resources, (t.RDS_CLUSTER,), ":cluster:", include=_aurora)
    ]
