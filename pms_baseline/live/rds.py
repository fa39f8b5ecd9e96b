"""RDS: instances encrypted, private, backed up, protected from deletion, IAM-authenticated, Multi-AZ (outside
the exempt environments) and exporting their engine logs; snapshots encrypted and not public."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t

INSTANCE_RULES = (
    "rds-instance-storage-encrypted",
    "rds-instance-not-publicly-accessible",
    "rds-instance-backup-retention-minimum",
    "rds-instance-deletion-protection-enabled",
    "rds-instance-iam-authentication-enabled",
    "rds-instance-multi-az-enabled",
    "rds-instance-logs-exported",
)


@collector("rds")
def collect(live, inv: Inventory) -> None:
    rds = live.client("rds", inv.region)
    instances = inv.read(lambda: list(live.pages(rds, "describe_db_instances", "DBInstances")))
    snapshots = inv.read(lambda: list(live.pages(rds, "describe_db_snapshots", "DBSnapshots")))
    # https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html
    clusters = inv.read(lambda: list(live.pages(rds, "describe_db_clusters", "DBClusters")))
    inv.complete = readable(instances, snapshots, clusters)
    inv.items["instances"] = instances if readable(instances) else []
    inv.items["clusters"] = clusters if readable(clusters) else []
    inv.items["cluster_instances"] = [db for db in inv.items["instances"] if db.get("DBClusterIdentifier")]
    described = []
    for snap in snapshots if readable(snapshots) else []:
        shared: list[str] = []
        if snap.get("SnapshotType") == "manual":
            attrs = inv.read(
                lambda s=snap: live.call(
                    rds, "describe_db_snapshot_attributes", DBSnapshotIdentifier=s["DBSnapshotIdentifier"]
                )
            )
            if readable(attrs):
                for attr in attrs["DBSnapshotAttributesResult"].get("DBSnapshotAttributes", []):
                    if attr.get("AttributeName") == "restore":
                        shared = list(attr.get("AttributeValues") or [])
        described.append({**snap, "SharedAccounts": shared})
    inv.items["snapshots"] = described


def instance_props(db: dict) -> dict:
    """A DB instance description in the engine's property names, as the pre-deploy rules read them."""
    return {
        "storageEncrypted": db.get("StorageEncrypted"),
        "kmsKeyId": db.get("KmsKeyId"),
        "publiclyAccessible": db.get("PubliclyAccessible"),
        "backupRetentionPeriod": db.get("BackupRetentionPeriod"),
        "deletionProtection": db.get("DeletionProtection"),
        "iamDatabaseAuthenticationEnabled": db.get("IAMDatabaseAuthenticationEnabled"),
        "replicateSourceDb": db.get("ReadReplicaSourceDBInstanceIdentifier"),
        "multiAz": db.get("MultiAZ"),
        "engine": db.get("Engine"),
        "enabledCloudwatchLogsExports": list(db.get("EnabledCloudwatchLogsExports") or []),
        "autoMinorVersionUpgrade": db.get("AutoMinorVersionUpgrade"),
        "copyTagsToSnapshot": db.get("CopyTagsToSnapshot"),
        "monitoringInterval": db.get("MonitoringInterval"),
        "tags": {x["Key"]: x["Value"] for x in db.get("TagList") or []},
    }


def _instance_check(rule_id: str):
    def run(acct: Account):
        for inv in acct.each("rds"):
            for db in inv.items.get("instances", []):
                name = db["DBInstanceIdentifier"]
                for msg in judge(rule_id, instance_props(db), acct.live.rule_config(rule_id)):
                    yield acct.live.finding(
                        rule_id, t.RDS_INSTANCE, name, name, f"database {name}: {msg}", inv.region
                    )

    run.__name__ = rule_id.replace("-", "_")
    return check(rule_id, "rds")(run)


for _rule in INSTANCE_RULES:
    _instance_check(_rule)


@check("rds-snapshot-encrypted", "rds")
def snapshot_encrypted(acct: Account):
    for inv in acct.each("rds"):
        for snap in inv.items.get("snapshots", []):
            name = snap["DBSnapshotIdentifier"]
            for msg in judge("rds-snapshot-encrypted", {"encrypted": snap.get("Encrypted")}):
                yield acct.live.finding(
                    "rds-snapshot-encrypted",
                    t.RDS_SNAPSHOT,
                    name,
                    name,
                    f"snapshot {name}: {msg}",
                    inv.region,
                )


@check("rds-snapshot-not-public", "rds")
def snapshot_not_public(acct: Account):
    for inv in acct.each("rds"):
        for snap in inv.items.get("snapshots", []):
            name = snap["DBSnapshotIdentifier"]
            for msg in judge("rds-snapshot-not-public", {"sharedAccounts": snap["SharedAccounts"]}):
                yield acct.live.finding(
                    "rds-snapshot-not-public",
                    t.RDS_SNAPSHOT,
                    name,
                    name,
                    f"snapshot {name}: {msg}",
                    inv.region,
                )
