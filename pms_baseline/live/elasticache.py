"""ElastiCache clusters and replication groups read live: automatic backup retention judged by
elasticache-redis-backup-retention-minimum (a cluster of a replication group is judged through its group, as the
pre-deploy rule does), and the retention compared with the state.

https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html
(Engine, ReplicationGroupId, SnapshotRetentionLimit)
https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html
(SnapshotRetentionLimit; Engine, redis or valkey)
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import Inventory, collector, readable
from pms_baseline_pack import tokens as t

RULE = "elasticache-redis-backup-retention-minimum"


@collector("elasticache")
def collect(live, inv: Inventory) -> None:
    ec = live.client("elasticache", inv.region)
    clusters = inv.read(lambda: list(live.pages(ec, "describe_cache_clusters", "CacheClusters")))
    groups = inv.read(lambda: list(live.pages(ec, "describe_replication_groups", "ReplicationGroups")))
    inv.complete = readable(clusters, groups)
    inv.items["clusters"] = clusters if readable(clusters) else []
    inv.items["replication_groups"] = groups if readable(groups) else []


def cluster_props(c: dict) -> dict:
    """A cache cluster description in the engine's property names."""
    return {
        "clusterId": c.get("CacheClusterId"),
        "arn": c.get("ARN"),
        "engine": c.get("Engine"),
        "replicationGroupId": c.get("ReplicationGroupId"),
        "snapshotRetentionLimit": c.get("SnapshotRetentionLimit"),
        "nodeType": c.get("CacheNodeType"),
    }


def replication_group_props(g: dict) -> dict:
    """A replication group description in the engine's property names, but for ``replicationGroupId``: the rule
    reads that property as "a member of a group, judged through its group" (a cluster's), and would pass every
    group that carries it (the pre-deploy rule does so on a declared group's replication_group_id)."""
    return {
        "id": g.get("ReplicationGroupId"),
        "arn": g.get("ARN"),
        "engine": g.get("Engine"),
        "snapshotRetentionLimit": g.get("SnapshotRetentionLimit"),
        "nodeType": g.get("CacheNodeType"),
    }


reader(
    t.ELASTICACHE_CLUSTER, "elasticache", "clusters", "cache cluster",
    name=lambda c: c["CacheClusterId"],
    ids=lambda c: (c["CacheClusterId"], c.get("ARN")),
    props=cluster_props,
    rules=(RULE,),
    compare=("snapshotRetentionLimit",),
)
reader(
    t.ELASTICACHE_REPLICATION_GROUP, "elasticache", "replication_groups", "replication group",
    name=lambda g: g["ReplicationGroupId"],
    ids=lambda g: (g["ReplicationGroupId"], g.get("ARN")),
    props=replication_group_props,
    rules=(RULE,),
    compare=("snapshotRetentionLimit",),
)
