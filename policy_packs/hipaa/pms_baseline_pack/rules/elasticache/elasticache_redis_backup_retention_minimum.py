"""ElastiCache Redis OSS clusters and replication groups keep automatic backups long enough.

AWS Config elasticache-redis-cluster-automatic-backup-check: NON_COMPLIANT when SnapshotRetentionLimit is less
than its snapshotRetentionPeriod parameter (default 15 days); 0, the API's default, turns backups off. A cluster
that belongs to a replication group is judged through its group; Memcached clusters have no backups to judge.
https://docs.aws.amazon.com/config/latest/developerguide/elasticache-redis-cluster-automatic-backup-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import integer, shown


@resource_rule(
    id="elasticache-redis-backup-retention-minimum",
    title="ElastiCache Redis OSS keeps automatic backups for the minimum period",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"),
    resource_types=(t.ELASTICACHE_CLUSTER, t.ELASTICACHE_REPLICATION_GROUP),
    remediation="Set snapshot_retention_limit to at least the minimum (15 days by default, at most 35) and a "
    "snapshot_window.",
    aws_config_rules=("elasticache-redis-cluster-automatic-backup-check",),
    checkov_ids=("CKV_AWS_134",),
    config={
        "minimumDays": ConfigParam(
            "integer",
            15,
            "Fewest days of automatic backups a Redis OSS cluster keeps (AWS Config's snapshotRetentionPeriod).",
            # The HIPAA conformance pack's value: a config may raise it, never lower it.
            minimum=15,
        )
    },
)
def check(props, config):
    """snapshotRetentionLimit (0 when unset) is at least the minimum, for Redis OSS outside a replication group."""
    engine = props.get("engine")
    if props.get("replicationGroupId") or is_opaque(engine) or (isinstance(engine, str) and engine != "redis"):
        return []
    raw = props.get("snapshotRetentionLimit")
    if is_opaque(raw):
        return []
    days = 0 if raw is None else integer(raw)
    minimum = config["minimumDays"]
    if days is not None and days >= minimum:
        return []
    return [f"snapshotRetentionLimit is {shown(raw if days is None else days)}, below the minimum of {minimum} "
            f"days; set snapshot_retention_limit={minimum} or more (164.308(a)(7)(ii)(A))"]
