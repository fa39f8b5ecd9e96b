"""RDS DB instances' settings read live under the pre-deploy rules' ids: minor version upgrades, tags copied to
snapshots, Enhanced Monitoring, a master password Secrets Manager manages and the key of its secret, the key of
Performance Insights, and a parameter group that forces TLS (the pack's stack rule over the instances and the
parameter groups they use).

https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html (AutoMinorVersionUpgrade,
CopyTagsToSnapshot, MonitoringInterval, MasterUserSecret.KmsKeyId, PerformanceInsightsEnabled,
PerformanceInsightsKMSKeyId, DBParameterGroups, ReadReplicaSourceDBInstanceIdentifier)
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameterGroups.html
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameters.html (every parameter, engine
defaults included: PostgreSQL 15 and later default rds.force_ssl to 1), read for each group a DB instance uses; a
group no instance uses is listed (for drift) without its parameters, which no rule reads.
https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html (KeyManager) and API_ListAliases.html

This collector lists the DB instances itself, apart from ``rds.collect``, so that the parameter groups it reads
are those of the instances it judges; Aurora cluster members (DBClusterIdentifier set) are left out, being
aws:rds/clusterInstance resources that these aws:rds/instance rules do not judge.

What the API gives differently from a program:
- RDS reports a key by its ARN, also the AWS managed one (aws/rds, aws/secretsmanager), which the rules' key test
  would take for a customer-managed key; so a key is asked for its KeyManager, and an AWS managed key is presented
  by its alias/aws/ alias, as a program names it (unreadable when DescribeKey or ListAliases is refused).
- ``password`` is never returned by AWS: it is not presented, and a master password RDS does not manage is judged
  by ``manageMasterUserPassword`` false (MasterUserSecret absent), the rule's second message.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "rds-settings"


def _group_of(db: dict) -> str | None:
    groups = db.get("DBParameterGroups") or []
    return groups[0].get("DBParameterGroupName") if groups else None


def _key_refs(db: dict) -> list[str]:
    refs = [(db.get("MasterUserSecret") or {}).get("KmsKeyId")]
    if db.get("PerformanceInsightsEnabled"):
        refs.append(db.get("PerformanceInsightsKMSKeyId"))
    return [r for r in refs if r]


def _presented_keys(live, inv: Inventory, refs: set[str]) -> dict:
    """key reference -> the reference, or its alias/aws/ alias for an AWS managed key, or UNREADABLE."""
    if not refs:
        return {}
    kms = live.client("kms", inv.region)
    aliases = inv.read(lambda: list(live.pages(kms, "list_aliases", "Aliases")))
    out: dict = {}
    for ref in sorted(refs):
        meta = inv.read(lambda r=ref: live.call(kms, "describe_key", KeyId=r)["KeyMetadata"])
        if not readable(meta, aliases):
            out[ref] = UNREADABLE
            continue
        aws_alias = next((a["AliasName"] for a in aliases if a.get("TargetKeyId") == meta.get("KeyId")
                          and a["AliasName"].startswith("alias/aws/")), None)
        out[ref] = (aws_alias or UNREADABLE) if meta.get("KeyManager") == "AWS" or aws_alias else ref
    return out


@collector(SERVICE)
def collect(live, inv: Inventory) -> None:
    rds = live.client("rds", inv.region)
    instances = inv.read(lambda: list(live.pages(rds, "describe_db_instances", "DBInstances")))
    groups = inv.read(lambda: list(live.pages(rds, "describe_db_parameter_groups", "DBParameterGroups")))
    inv.complete = readable(instances, groups)
    dbs = [db for db in instances if not db.get("DBClusterIdentifier")] if readable(instances) else []
    keys = _presented_keys(live, inv, {ref for db in dbs for ref in _key_refs(db)})
    inv.items["instances"] = [{**db, "PresentedKeys": {r: keys[r] for r in _key_refs(db)}} for db in dbs]
    used = {_group_of(db) for db in dbs}
    inv.items["parameter_groups"] = [
        {**g, "Parameters": inv.read(lambda n=g["DBParameterGroupName"]: list(live.pages(
            rds, "describe_db_parameters", "Parameters", DBParameterGroupName=n)))
         if g["DBParameterGroupName"] in used else None}
        for g in (groups if readable(groups) else [])
    ]


def _key(db: dict, ref: str | None):
    return db["PresentedKeys"].get(ref, ref) if ref else None


def instance_props(db: dict) -> dict:
    """A DB instance description in the engine's property names, as these rules read them."""
    secret = db.get("MasterUserSecret") or {}
    return {
        "identifier": db.get("DBInstanceIdentifier"),
        "arn": db.get("DBInstanceArn"),
        "resourceId": db.get("DbiResourceId"),
        "kmsKeyId": db.get("KmsKeyId"),
        "engine": db.get("Engine"),
        "replicateSourceDb": db.get("ReadReplicaSourceDBInstanceIdentifier"),
        "autoMinorVersionUpgrade": db.get("AutoMinorVersionUpgrade"),
        "copyTagsToSnapshot": db.get("CopyTagsToSnapshot"),
        "monitoringInterval": db.get("MonitoringInterval"),
        "manageMasterUserPassword": bool(secret),
        "masterUserSecretKmsKeyId": _key(db, secret.get("KmsKeyId")),
        "performanceInsightsEnabled": bool(db.get("PerformanceInsightsEnabled")),
        "performanceInsightsKmsKeyId": _key(db, db.get("PerformanceInsightsKMSKeyId"))
        if db.get("PerformanceInsightsEnabled") else db.get("PerformanceInsightsKMSKeyId"),
        "parameterGroupName": _group_of(db),
        "tags": {x["Key"]: x["Value"] for x in db.get("TagList") or []},
    }


def parameter_group_props(g: dict) -> dict:
    """A DB parameter group in the engine's property names; ``parameters`` None when not read (no instance uses
    the group), unreadable when reading them failed."""
    params = g["Parameters"]
    if params is not None and readable(params):
        params = [{"name": p["ParameterName"], "value": p["ParameterValue"]} for p in params
                  if p.get("ParameterValue") is not None]
    return {"name": g["DBParameterGroupName"], "arn": g.get("DBParameterGroupArn"),
            "family": g.get("DBParameterGroupFamily"), "parameters": params}


reader(
    t.RDS_INSTANCE, SERVICE, "instances", "database",
    name=lambda db: db["DBInstanceIdentifier"],
    ids=lambda db: (db["DBInstanceIdentifier"], db.get("DBInstanceArn"), db.get("DbiResourceId")),
    props=instance_props,
    rules=(
        "rds-instance-auto-minor-version-upgrade",
        "rds-instance-copy-tags-to-snapshot",
        "rds-instance-enhanced-monitoring-enabled",
        "rds-instance-master-password-managed",
        "rds-instance-master-secret-encrypted",
        "rds-instance-performance-insights-encrypted",
    ),
)
reader(
    t.RDS_PARAMETER_GROUP, SERVICE, "parameter_groups", "parameter group",
    name=lambda g: g["DBParameterGroupName"],
    ids=lambda g: (g["DBParameterGroupName"], g.get("DBParameterGroupArn")),
    props=parameter_group_props,
    compare=("family",),
)
stack_rule("rds-instance-parameter-group-forces-tls", SERVICE, (t.RDS_INSTANCE, t.RDS_PARAMETER_GROUP))
