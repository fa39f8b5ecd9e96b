"""RDS and Aurora DB clusters: deletion protection and instances in more than one availability zone, judged by
the pre-deploy rules on the clusters and cluster instances the account has (listed by ``rds.collect``).

https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html
(DeletionProtection, DBClusterMembers; a Multi-AZ DB cluster reports DBClusterInstanceClass)
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline_pack import tokens as t


def _tags(item: dict) -> dict[str, str]:
    return {x["Key"]: x["Value"] for x in item.get("TagList") or []}


def cluster_props(c: dict) -> dict:
    """A DB cluster description in the engine's property names."""
    return {
        "clusterIdentifier": c.get("DBClusterIdentifier"),
        "arn": c.get("DBClusterArn"),
        "engine": c.get("Engine"),
        "deletionProtection": c.get("DeletionProtection"),
        "dbClusterInstanceClass": c.get("DBClusterInstanceClass"),
        "storageEncrypted": c.get("StorageEncrypted"),
        "kmsKeyId": c.get("KmsKeyId"),
        "backupRetentionPeriod": c.get("BackupRetentionPeriod"),
        "tags": _tags(c),
    }


def cluster_instance_props(db: dict) -> dict:
    """An Aurora cluster member (a DB instance with a DBClusterIdentifier) in the engine's property names."""
    return {
        "identifier": db.get("DBInstanceIdentifier"),
        "clusterIdentifier": db.get("DBClusterIdentifier"),
        "availabilityZone": db.get("AvailabilityZone"),
        "tags": _tags(db),
    }


reader(
    t.RDS_CLUSTER, "rds", "clusters", "cluster",
    name=lambda c: c["DBClusterIdentifier"],
    ids=lambda c: (c["DBClusterIdentifier"], c.get("DBClusterArn"), c.get("DbClusterResourceId")),
    props=cluster_props,
    rules=("rds-cluster-deletion-protection-enabled",),
    compare=("deletionProtection", "storageEncrypted", "backupRetentionPeriod"),
)
reader(
    t.RDS_CLUSTER_INSTANCE, "rds", "cluster_instances", "cluster instance",
    name=lambda db: db["DBInstanceIdentifier"],
    ids=lambda db: (db["DBInstanceIdentifier"], db.get("DBInstanceArn"), db.get("DbiResourceId")),
    props=cluster_instance_props,
)
stack_rule("rds-cluster-multi-az-enabled", "rds", (t.RDS_CLUSTER, t.RDS_CLUSTER_INSTANCE))
