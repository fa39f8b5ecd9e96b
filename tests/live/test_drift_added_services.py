"""Live checks of the added services (issue 18.3) in an emulated account: a public EBS snapshot, an instance stopped
for longer than allowedDays, DynamoDB throughput near the account's limit; each on a passing and a failing account.

moto implements neither ssm:DescribeInstanceInformation nor ssm:ListResourceComplianceSummaries, so the SSM
rows (managed by Systems Manager, association and patch compliance) have no live check here."""

import datetime as dt

import moto.ec2.models.instances as moto_instances
import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto


def findings(account, rule):
    return [(f.resource.name, f.message) for f in account.verify(state=False).findings if f.rule == rule]


def snapshot(account):
    ec2 = account.client("ec2")
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8)
    return ec2.create_snapshot(VolumeId=volume["VolumeId"])["SnapshotId"]


def test_a_snapshot_shared_with_an_account_passes(account):
    sid = snapshot(account)
    account.client("ec2").modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                                    OperationType="add", UserIds=["111122223333"])
    assert findings(account, "ebs-snapshot-not-public") == []


def test_a_public_snapshot_is_a_finding(account):
    sid = snapshot(account)
    account.client("ec2").modify_snapshot_attribute(SnapshotId=sid, Attribute="createVolumePermission",
                                                    OperationType="add", GroupNames=["all"])
    assert findings(account, "ebs-snapshot-not-public") == [(
        sid, R + f"snapshot {sid}: createVolumePermission grants group all, so every AWS account can create a volume "
        f"from it; run `aws ec2 modify-snapshot-attribute --snapshot-id {sid} --attribute createVolumePermission "
        "--operation-type remove --group-names all` (164.312(a)(1))")]


def stopped_instance(account, days_ago, monkeypatch):
    ec2 = account.client("ec2")
    iid = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    then = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0) - dt.timedelta(days=days_ago)
    monkeypatch.setattr(moto_instances, "utcnow", lambda: then)  # AWS records the stop time in the reason
    ec2.stop_instances(InstanceIds=[iid])
    return iid, then


def test_an_instance_stopped_a_week_ago_passes(account, monkeypatch):
    stopped_instance(account, 7, monkeypatch)
    assert findings(account, "ec2-instance-not-stopped-long") == []


def test_an_instance_stopped_for_forty_days_is_a_finding(account, monkeypatch):
    iid, then = stopped_instance(account, 40, monkeypatch)
    assert findings(account, "ec2-instance-not-stopped-long") == [(
        iid, R + f"instance {iid} has been stopped for 40 days (since {then:%Y-%m-%d}), more than the 30 allowed, so "
        "it misses every patch while it sleeps; start and patch it, or terminate it (164.308(a)(1)(ii)(B))")]


def table(account, name, read, write):
    account.client("dynamodb").create_table(
        TableName=name, AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        ProvisionedThroughput={"ReadCapacityUnits": read, "WriteCapacityUnits": write})


def test_throughput_well_below_the_limit_passes(account):
    table(account, "visits", 5000, 1000)
    table(account, "claims", 5000, 1000)
    assert findings(account, "dynamodb-throughput-below-account-limit") == []


def test_throughput_at_eighty_percent_of_the_limit_is_a_finding(account):
    # moto's account limits: 20,000 read and 20,000 write units.
    table(account, "visits", 9000, 1000)
    table(account, "claims", 7000, 1000)
    assert findings(account, "dynamodb-throughput-below-account-limit") == [(
        "dynamodb-us-east-1", R + "tables provision 16000 read capacity units, 80% of the account's limit of 20000 "
        "(threshold 80%), so scaling up under load will be refused; request a higher limit in Service Quotas or "
        "move tables to on-demand (164.308(a)(7)(ii)(C))")]
