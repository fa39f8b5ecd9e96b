"""DMS replication instances read live: public accessibility judged by dms-replication-instance-not-public, and
compared with the state.

https://docs.aws.amazon.com/dms/latest/APIReference/API_DescribeReplicationInstances.html (PubliclyAccessible,
ReplicationInstanceArn, MultiAZ, AutoMinorVersionUpgrade; one listing describes every instance, so there is no
per-resource call to fail)
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import Inventory, collector, readable
from pms_baseline_pack import tokens as t


@collector("dms")
def collect(live, inv: Inventory) -> None:
    dms = live.client("dms", inv.region)
    instances = inv.read(lambda: list(live.pages(dms, "describe_replication_instances", "ReplicationInstances")))
    inv.complete = readable(instances)
    inv.items["replication_instances"] = instances if readable(instances) else []


def replication_instance_props(ri: dict) -> dict:
    """A replication instance description in the engine's property names."""
    return {
        "replicationInstanceId": ri.get("ReplicationInstanceIdentifier"),
        "replicationInstanceArn": ri.get("ReplicationInstanceArn"),
        "replicationInstanceClass": ri.get("ReplicationInstanceClass"),
        "publiclyAccessible": ri.get("PubliclyAccessible"),
        "multiAz": ri.get("MultiAZ"),
        "autoMinorVersionUpgrade": ri.get("AutoMinorVersionUpgrade"),
        "kmsKeyArn": ri.get("KmsKeyId"),
    }


reader(
    t.DMS_REPLICATION_INSTANCE, "dms", "replication_instances", "replication instance",
    name=lambda ri: ri["ReplicationInstanceIdentifier"],
    ids=lambda ri: (ri["ReplicationInstanceIdentifier"], ri.get("ReplicationInstanceArn")),
    props=replication_instance_props,
    rules=("dms-replication-instance-not-public",),
    compare=("publiclyAccessible", "multiAz", "autoMinorVersionUpgrade", "replicationInstanceClass"),
)
