"""ElastiCache read live: Redis OSS backup retention under elasticache-redis-backup-retention-minimum, on a
cluster and on a replication group (whose member clusters are judged through it), and drift against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "elasticache-redis-backup-retention-minimum"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def cluster(account, name="sessions", days=15, engine="redis"):
    account.client("elasticache").create_cache_cluster(
        CacheClusterId=name, Engine=engine, CacheNodeType="cache.t3.micro", NumCacheNodes=1,
        **({"SnapshotRetentionLimit": days} if engine == "redis" else {}))


def group(account, name="queue", days=15):
    account.client("elasticache").create_replication_group(
        ReplicationGroupId=name, ReplicationGroupDescription="work queue", Engine="redis",
        CacheNodeType="cache.t3.micro", NumCacheClusters=1, SnapshotRetentionLimit=days)


def exercise(account):
    """A cluster and a replication group (elasticache:DescribeCacheClusters, DescribeReplicationGroups)."""
    cluster(account)
    group(account)


def test_a_cluster_keeping_backups_fifteen_days_passes(account):
    cluster(account)
    assert findings(account, RULE) == []


def test_a_cluster_keeping_backups_three_days_is_a_finding(account):
    cluster(account, days=3)
    assert findings(account, RULE) == [(
        "sessions", R + "cache cluster sessions: snapshotRetentionLimit is 3, below the minimum of 15 days; set "
        "snapshot_retention_limit=15 or more (164.308(a)(7)(ii)(A))")]


def test_a_memcached_cluster_is_not_judged(account):
    cluster(account, engine="memcached")
    assert findings(account, RULE) == []


def test_a_replication_group_keeping_backups_twenty_days_passes(account):
    group(account, days=20)
    assert findings(account, RULE) == []


def test_a_replication_group_without_backups_is_a_finding(account):
    group(account, days=0)
    assert findings(account, RULE) == [(
        "queue", R + "replication group queue: snapshotRetentionLimit is 0, below the minimum of 15 days; set "
        "snapshot_retention_limit=15 or more (164.308(a)(7)(ii)(A))")]


def test_shorter_retention_is_drift(account):
    cluster(account, days=3)
    group(account, days=1)
    state = state_of(resource(t.ELASTICACHE_CLUSTER, "sessions", "sessions", clusterId="sessions",
                              engine="redis", snapshotRetentionLimit=15),
                     resource(t.ELASTICACHE_REPLICATION_GROUP, "queue", "queue", replicationGroupId="queue",
                              snapshotRetentionLimit=15))
    assert sorted(findings(account, "live-setting-drift", state)) == [
        ("queue", "queue: snapshotRetentionLimit is 1 in the account, 15 in the state"),
        ("sessions", "sessions: snapshotRetentionLimit is 3 in the account, 15 in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_cluster_and_group_are_missing(account):
    state = state_of(resource(t.ELASTICACHE_CLUSTER, "sessions", "sessions", clusterId="sessions"),
                     resource(t.ELASTICACHE_REPLICATION_GROUP, "queue", "queue", replicationGroupId="queue"))
    assert sorted(name for name, _ in findings(account, "live-resource-missing", state)) == ["queue", "sessions"]
