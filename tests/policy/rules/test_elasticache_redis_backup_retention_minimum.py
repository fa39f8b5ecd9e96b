import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.elasticache.elasticache_redis_backup_retention_minimum import check as rule


def fail(shown, minimum=15):
    return [f"snapshotRetentionLimit is {shown}, below the minimum of {minimum} days; set "
            f"snapshot_retention_limit={minimum} or more (164.308(a)(7)(ii)(A))"]


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"engine": "redis", "snapshotRetentionLimit": 15}, [], id="pass-15-days"),
    pytest.param({"snapshotRetentionLimit": 35.0}, [], id="pass-replication-group-35-days"),
    pytest.param({"engine": "memcached"}, [], id="pass-memcached-has-no-backups"),
    pytest.param({"engine": "redis", "replicationGroupId": "phi-cache"}, [], id="pass-member-judged-by-group"),
    pytest.param({"engine": "redis", "snapshotRetentionLimit": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"engine": "redis", "snapshotRetentionLimit": 14}, fail(14), id="fail-14-days"),
    pytest.param({"engine": "redis"}, fail(0), id="fail-unset-is-off"),
    pytest.param({"description": "group"}, fail(0), id="fail-replication-group-unset"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_minimum_may_rise_not_fall():
    assert rule.run_resource({"snapshotRetentionLimit": 20}, {"minimumDays": 30}) == fail(20, 30)
    assert rule.config["minimumDays"].refusal(7) == "7 is below the minimum of 15"
