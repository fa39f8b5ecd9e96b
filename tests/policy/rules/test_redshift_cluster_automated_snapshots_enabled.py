import pytest

from pms_baseline_pack.rules.redshift.redshift_cluster_automated_snapshots_enabled import check as rule


def fail(shown, minimum=1):
    return [f"automatedSnapshotRetentionPeriod is {shown}, below the minimum of {minimum} days; set "
            f"automated_snapshot_retention_period={minimum} or more (164.308(a)(7)(ii)(A))"]


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({}, [], id="pass-unset-defaults-to-one-day"),
    pytest.param({"automatedSnapshotRetentionPeriod": 35.0}, [], id="pass-35-as-protobuf-double"),
    pytest.param({"automatedSnapshotRetentionPeriod": 0}, fail(0), id="fail-zero-disables-snapshots"),
    pytest.param({"automatedSnapshotRetentionPeriod": "7"}, fail("7"), id="fail-not-a-number"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_the_minimum_is_tunable_and_floored():
    assert rule.run_resource({"automatedSnapshotRetentionPeriod": 7}, {"minimumDays": 14}) == fail(7, 14)
    assert rule.config["minimumDays"].refusal(0) == "0 is below the minimum of 1"
