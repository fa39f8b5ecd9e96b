"""Redshift clusters keep automated snapshots.

AWS Config redshift-backup-enabled: NON_COMPLIANT when automatedSnapshotRetentionPeriod is 0, below the optional
MinRetentionPeriod (at least 1, no default) or above the optional MaxRetentionPeriod (at most 35, no default).
minimumDays is MinRetentionPeriod, 1 unless raised; a maximum is not a tunable here, since a longer retention never
weakens a backup and the API refuses more than 35 days.
https://docs.aws.amazon.com/config/latest/developerguide/redshift-backup-enabled.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import integer, shown

_DEFAULT_DAYS = 1  # the provider's and the API's default retention


@resource_rule(
    id="redshift-cluster-automated-snapshots-enabled",
    title="Redshift clusters keep automated snapshots",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"),
    resource_types=(t.REDSHIFT_CLUSTER,),
    remediation="Set automated_snapshot_retention_period to at least the minimum (1 to 35 days).",
    aws_config_rules=("redshift-backup-enabled",),
    checkov_ids=("CKV_AWS_343",),
    config={
        "minimumDays": ConfigParam(
            "integer",
            1,
            "Fewest days a Redshift cluster keeps its automated snapshots (AWS Config's MinRetentionPeriod).",
            minimum=1,
        )
    },
)
def check(props, config):
    """automatedSnapshotRetentionPeriod (1 when unset) is at least the minimum; 0 turns snapshots off."""
    raw = props.get("automatedSnapshotRetentionPeriod")
    if is_opaque(raw):
        return []
    days = _DEFAULT_DAYS if raw is None else integer(raw)
    minimum = config["minimumDays"]
    if days is not None and days >= minimum:
        return []
    return [f"automatedSnapshotRetentionPeriod is {shown(raw if days is None else days)}, below the minimum of "
            f"{minimum} days; set automated_snapshot_retention_period={minimum} or more (164.308(a)(7)(ii)(A))"]
