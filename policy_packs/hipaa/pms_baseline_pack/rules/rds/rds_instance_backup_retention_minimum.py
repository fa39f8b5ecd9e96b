"""RDS instances keep automated backups for at least the configured number of days."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import integer, shown


@resource_rule(
    id="rds-instance-backup-retention-minimum",
    title="RDS automated backups are kept for at least the configured minimum",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component (retention from pms-baseline:backupRetentionDays, 35 days "
    "in prod), or set backup_retention_period to at least the minimum.",
    aws_config_rules=("db-instance-backup-enabled",),
    checkov_ids=("CKV_AWS_133",),
    config={
        "minimumDays": ConfigParam(
            "integer",
            7,
            "Fewest days of automated backups an RDS instance keeps (the baseline uses 35 in prod).",
            # The lowest backupRetentionDays floor of any environment in infra/config.py (staging, test).
            minimum=7,
        )
    },
)
def check(props, config):
    """backupRetentionPeriod is at least the minimum (a read replica's backups are its source's)."""
    if props.get("replicateSourceDb"):
        return []
    raw = props.get("backupRetentionPeriod")
    if is_opaque(raw):
        return []
    days = integer(raw)
    minimum = config["minimumDays"]
    if days is not None and days >= minimum:
        return []
    return [
        f"backupRetentionPeriod is {shown(raw if days is None else days)}, below the minimum of {minimum} "
        f"days; use PhiDatabase or set backup_retention_period={minimum} or more (164.308(a)(7)(ii)(A))"
    ]
