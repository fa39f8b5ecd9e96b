"""RDS: parameter groups, subnet groups, instances and snapshots."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t

EMULATED_PASSWORD = "Emulated-only-password-1"


@handles(t.RDS_PARAMETER_GROUP)
def _param_group(c: Context, r: Resource, p: dict[str, Any]):
    rds = c.client("rds")
    name = p.get("name") or r.id
    got = rds.create_db_parameter_group(
        DBParameterGroupName=name,
        DBParameterGroupFamily=p["family"],
        Description=p.get("description") or "Managed by Pulumi",
    )["DBParameterGroup"]
    params = [
        {
            "ParameterName": x["name"],
            "ParameterValue": str(x["value"]),
            "ApplyMethod": x.get("applyMethod", "immediate"),
        }
        for x in p.get("parameters") or []
    ]
    if params:
        rds.modify_db_parameter_group(DBParameterGroupName=name, Parameters=params)
    return name, {"arn": got["DBParameterGroupArn"]}


@handles(t.RDS_SUBNET_GROUP)
def _subnet_group(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    got = c.client("rds").create_db_subnet_group(
        DBSubnetGroupName=name,
        SubnetIds=list(p["subnetIds"]),
        DBSubnetGroupDescription=p.get("description") or "Managed by Pulumi",
    )["DBSubnetGroup"]
    return name, {"arn": got["DBSubnetGroupArn"]}


@handles(t.RDS_INSTANCE)
def _db(c: Context, r: Resource, p: dict[str, Any]):
    ident = p.get("identifier") or r.id
    managed = bool(p.get("manageMasterUserPassword"))
    db = c.client("rds").create_db_instance(
        **kw(
            DBInstanceIdentifier=ident,
            Engine=p.get("engine", "postgres"),
            EngineVersion=p.get("engineVersion"),
            DBInstanceClass=p.get("instanceClass", "db.t3.micro"),
            AllocatedStorage=p.get("allocatedStorage"),
            StorageType=p.get("storageType"),
            StorageEncrypted=p.get("storageEncrypted"),
            KmsKeyId=p.get("kmsKeyId"),
            PubliclyAccessible=bool(p.get("publiclyAccessible", False)),
            BackupRetentionPeriod=p.get("backupRetentionPeriod"),
            DeletionProtection=p.get("deletionProtection"),
            EnableIAMDatabaseAuthentication=p.get("iamDatabaseAuthenticationEnabled"),
            DBSubnetGroupName=p.get("dbSubnetGroupName"),
            VpcSecurityGroupIds=p.get("vpcSecurityGroupIds"),
            DBParameterGroupName=p.get("parameterGroupName"),
            MultiAZ=p.get("multiAz"),
            DBName=p.get("dbName"),
            MasterUsername=p.get("username") or "pmsadmin",
            ManageMasterUserPassword=True if managed else None,
            MasterUserSecretKmsKeyId=p.get("masterUserSecretKmsKeyId") if managed else None,
            MasterUserPassword=None if managed else EMULATED_PASSWORD,
            CopyTagsToSnapshot=p.get("copyTagsToSnapshot"),
            AutoMinorVersionUpgrade=p.get("autoMinorVersionUpgrade"),
            EnableCloudwatchLogsExports=p.get("enabledCloudwatchLogsExports"),
            MonitoringInterval=p.get("monitoringInterval"),
            MonitoringRoleArn=p.get("monitoringRoleArn"),
            EnablePerformanceInsights=p.get("performanceInsightsEnabled"),
            PerformanceInsightsKMSKeyId=p.get("performanceInsightsKmsKeyId"),
            Tags=tag_list(p) or None,
        )
    )["DBInstance"]
    return ident, {"arn": db["DBInstanceArn"], "resourceId": db.get("DbiResourceId", "")}


@handles(t.RDS_SNAPSHOT)
def _snapshot(c: Context, r: Resource, p: dict[str, Any]):
    rds = c.client("rds")
    name = p.get("dbSnapshotIdentifier") or r.id
    snap = rds.create_db_snapshot(DBSnapshotIdentifier=name, DBInstanceIdentifier=p["dbInstanceIdentifier"])
    if p.get("sharedAccounts"):
        rds.modify_db_snapshot_attribute(
            DBSnapshotIdentifier=name, AttributeName="restore", ValuesToAdd=list(p["sharedAccounts"])
        )
    return name, {"dbSnapshotArn": snap["DBSnapshot"]["DBSnapshotArn"]}
