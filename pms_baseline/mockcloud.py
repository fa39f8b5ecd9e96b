"""Realistic mock outputs for the offline preview.

Pulumi's mocks return whatever ``new_resource`` says a provider would. A state document is only as useful as
those outputs: dependent resources read ids and ARNs from them, and rules judge outputs where inputs are
absent. So each resource gets what AWS would hand back: an id in the kind's own format, an ARN in its
service's format, the physical name autonaming would pick, and the computed attributes the baseline reads.
Every value is derived from the URN, so the same program previews to the same document.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pms_baseline_pack import tokens as t

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"


def digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def fake_uuid(text: str) -> str:
    h = digest(text, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# Resource kinds whose id AWS forms as prefix-<17 hex>.
_ID_PREFIX = {
    t.VPC: "vpc", t.SUBNET: "subnet", t.INTERNET_GATEWAY: "igw", t.EGRESS_ONLY_INTERNET_GATEWAY: "eigw",
    t.NAT_GATEWAY: "nat", t.EIP: "eipalloc", t.ROUTE_TABLE: "rtb", t.SECURITY_GROUP: "sg",
    t.DEFAULT_SECURITY_GROUP: "sg", t.NETWORK_ACL: "acl", t.DEFAULT_NETWORK_ACL: "acl", t.FLOW_LOG: "fl",
    t.VPC_ENDPOINT: "vpce", t.VPC_PEERING_CONNECTION: "pcx", t.VPN_GATEWAY: "vgw", t.VPN_CONNECTION: "vpn",
    t.TRANSIT_GATEWAY_VPC_ATTACHMENT: "tgw-attach", t.SG_INGRESS_RULE: "sgr", t.SG_EGRESS_RULE: "sgr",
    t.EC2_INSTANCE: "i", t.LAUNCH_TEMPLATE: "lt", t.EBS_VOLUME: "vol", t.ROUTE_TABLE_ASSOCIATION: "rtbassoc",
    t.NETWORK_ACL_ASSOCIATION: "aclassoc",
}

# The input that holds a resource's physical name, for kinds that autoname when it is absent.
_NAME_INPUT = {
    t.S3_BUCKET: "bucket", t.S3_BUCKET_V2: "bucket", t.RDS_INSTANCE: "identifier",
    t.RDS_CLUSTER: "clusterIdentifier", t.RDS_SNAPSHOT: "dbSnapshotIdentifier",
}
_NAMED = {
    t.LOG_GROUP, t.IAM_ROLE, t.IAM_POLICY, t.IAM_ROLE_POLICY, t.SECURITY_GROUP, t.SNS_TOPIC, t.CLOUDTRAIL,
    t.BACKUP_VAULT, t.BACKUP_PLAN, t.BACKUP_SELECTION, t.LOAD_BALANCER, t.ALB_LOAD_BALANCER,
    t.LB_TARGET_GROUP, t.WAF_WEB_ACL, t.RDS_PARAMETER_GROUP, t.RDS_SUBNET_GROUP, t.SECRET, t.CONFIG_RECORDER,
    t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RULE, t.ACCESS_ANALYZER, t.LOG_METRIC_FILTER, t.METRIC_ALARM,
    t.KMS_ALIAS, t.IAM_USER, t.RDS_CLUSTER_PARAMETER_GROUP,
}
_NAME_KEY = {t.ACCESS_ANALYZER: "analyzerName", t.METRIC_ALARM: "name", t.WAF_WEB_ACL: "name"}


def physical_name(token: str, logical: str, urn: str, inputs: dict[str, Any]) -> str | None:
    """The name AWS will know the resource by: the given one, or Pulumi's autoname (logical name + 7 hex)."""
    key = _NAME_INPUT.get(token) or (_NAME_KEY.get(token, "name") if token in _NAMED else None)
    if key is None:
        return None
    given = inputs.get(key)
    if isinstance(given, str) and given:
        return given
    prefix = inputs.get(f"{key}Prefix") if isinstance(inputs.get(f"{key}Prefix"), str) else None
    base = prefix if prefix else f"{logical}-"
    name = f"{base}{digest(urn, 7)}"
    if token in (t.S3_BUCKET, t.S3_BUCKET_V2, t.RDS_INSTANCE, t.RDS_CLUSTER):
        name = name.lower()
    if token in (t.LOAD_BALANCER, t.ALB_LOAD_BALANCER, t.LB_TARGET_GROUP):
        name = name[:32].rstrip("-")
    return name


def resource_outputs(
    token: str, logical: str, urn: str, inputs: dict[str, Any], account: str, region: str
) -> tuple[str, dict[str, Any]]:
    """Return (id, outputs) as the AWS provider would after creating the resource."""
    out = dict(inputs)
    name = physical_name(token, logical, urn, inputs)
    key = _NAME_INPUT.get(token) or (_NAME_KEY.get(token, "name") if token in _NAMED else None)
    if name is not None and key is not None:
        out[key] = name
    def arn(svc: str, rest: str, global_: bool = False, no_account: bool = False) -> str:
        reg = "" if global_ else region
        acct = "" if no_account else account
        return f"arn:aws:{svc}:{reg}:{acct}:{rest}"

    rid: str
    if token in _ID_PREFIX:
        rid = f"{_ID_PREFIX[token]}-{digest(urn, 17)}"
    elif name is not None:
        rid = name
    else:
        rid = f"{logical}-{digest(urn, 8)}"

    if token in (t.S3_BUCKET, t.S3_BUCKET_V2):
        out.update(arn=arn("s3", name, global_=True, no_account=True), bucketDomainName=f"{name}.s3.amazonaws.com",
                   bucketRegionalDomainName=f"{name}.s3.{region}.amazonaws.com", region=region,
                   hostedZoneId="Z3AQBSTGFYJSTF")
        out.setdefault("objectLockEnabled", False)
        out.setdefault("forceDestroy", False)
    elif token == t.KMS_KEY:
        rid = fake_uuid(urn)
        out.update(arn=arn("kms", f"key/{rid}"), keyId=rid)
        out.setdefault("enableKeyRotation", False)
        out.setdefault("isEnabled", True)
        out.setdefault("keyUsage", "ENCRYPT_DECRYPT")
        out.setdefault("customerMasterKeySpec", "SYMMETRIC_DEFAULT")
        out.setdefault("multiRegion", False)
    elif token == t.KMS_ALIAS:
        out.update(arn=arn("kms", name), targetKeyArn=arn("kms", f"key/{inputs.get('targetKeyId', '')}"))
    elif token == t.VPC:
        out.update(arn=arn("ec2", f"vpc/{rid}"), defaultSecurityGroupId=f"sg-{digest(urn + 'sg', 17)}",
                   defaultNetworkAclId=f"acl-{digest(urn + 'acl', 17)}",
                   defaultRouteTableId=f"rtb-{digest(urn + 'rtb', 17)}",
                   mainRouteTableId=f"rtb-{digest(urn + 'rtb', 17)}", ownerId=account)
        out.setdefault("enableDnsSupport", True)
        out.setdefault("enableDnsHostnames", False)
        out.setdefault("instanceTenancy", "default")
    elif token == t.SUBNET:
        out.update(arn=arn("ec2", f"subnet/{rid}"), ownerId=account)
        out.setdefault("mapPublicIpOnLaunch", False)
        out.setdefault("assignIpv6AddressOnCreation", False)
    elif token in (t.SECURITY_GROUP, t.DEFAULT_SECURITY_GROUP):
        out.update(arn=arn("ec2", f"security-group/{rid}"), ownerId=account)
        out.setdefault("ingress", [])
        out.setdefault("egress", [])
    elif token in (t.SG_INGRESS_RULE, t.SG_EGRESS_RULE):
        out.update(arn=arn("ec2", f"security-group-rule/{rid}"), securityGroupRuleId=rid)
    elif token in (t.NETWORK_ACL, t.ROUTE_TABLE, t.INTERNET_GATEWAY, t.NAT_GATEWAY, t.VPC_ENDPOINT,
                   t.FLOW_LOG, t.VPC_PEERING_CONNECTION):
        kind = {t.NETWORK_ACL: "network-acl", t.ROUTE_TABLE: "route-table", t.INTERNET_GATEWAY: "internet-gateway",
                t.NAT_GATEWAY: "natgateway", t.VPC_ENDPOINT: "vpc-endpoint", t.FLOW_LOG: "vpc-flow-log",
                t.VPC_PEERING_CONNECTION: "vpc-peering-connection"}[token]
        out.update(arn=arn("ec2", f"{kind}/{rid}"), ownerId=account)
        if token == t.VPC_ENDPOINT:
            out.update(prefixListId=f"pl-{digest(urn, 8)}", state="available")
    elif token == t.EIP:
        out.update(allocationId=rid, publicIp=f"203.0.113.{int(digest(urn, 2), 16) % 254 + 1}", domain="vpc")
    elif token == t.LOG_GROUP:
        out.update(arn=arn("logs", f"log-group:{name}"))
        out.setdefault("retentionInDays", 0)
    elif token == t.LOG_METRIC_FILTER:
        pass
    elif token == t.METRIC_ALARM:
        out.update(arn=arn("cloudwatch", f"alarm:{name}"))
    elif token in (t.IAM_ROLE, t.IAM_POLICY, t.IAM_USER):
        kind = {t.IAM_ROLE: "role", t.IAM_POLICY: "policy", t.IAM_USER: "user"}[token]
        path = inputs.get("path", "/") if isinstance(inputs.get("path"), str) else "/"
        out.update(arn=arn("iam", f"{kind}{path}{name}", global_=True), uniqueId=f"AROA{digest(urn, 17).upper()}")
        if token == t.IAM_POLICY:
            rid = out["arn"]
    elif token == t.IAM_ROLE_POLICY:
        rid = f"{inputs.get('role', '')}:{name}"
    elif token == t.IAM_ROLE_POLICY_ATTACHMENT:
        rid = f"{inputs.get('role', '')}-{digest(urn, 20)}"
    elif token in (t.RDS_INSTANCE, t.RDS_CLUSTER):
        host = f"{name}.{digest(account + region, 12)}.{region}.rds.amazonaws.com"
        kind = "db" if token == t.RDS_INSTANCE else "cluster"
        out.update(arn=arn("rds", f"{kind}:{name}"), endpoint=f"{host}:{inputs.get('port', 5432)}", address=host,
                   resourceId=f"{kind}-{digest(urn, 26).upper()}", hostedZoneId="Z2R2ITUGPM61AM",
                   status="available")
        out.setdefault("port", 5432)
        out.setdefault("storageEncrypted", False)
        out.setdefault("publiclyAccessible", False)
        if inputs.get("manageMasterUserPassword"):
            out["masterUserSecrets"] = [{
                "kmsKeyId": inputs.get("masterUserSecretKmsKeyId", arn("kms", "alias/aws/secretsmanager")),
                "secretArn": arn("secretsmanager", f"secret:rds!{kind}-{fake_uuid(urn)}-{digest(urn, 6)}"),
                "secretStatus": "active",
            }]
    elif token in (t.RDS_PARAMETER_GROUP, t.RDS_SUBNET_GROUP, t.RDS_SNAPSHOT, t.RDS_CLUSTER_PARAMETER_GROUP):
        kind = {t.RDS_PARAMETER_GROUP: "pg", t.RDS_SUBNET_GROUP: "subgrp", t.RDS_SNAPSHOT: "snapshot",
                t.RDS_CLUSTER_PARAMETER_GROUP: "cluster-pg"}[token]
        out.update(arn=arn("rds", f"{kind}:{name or rid}"))
    elif token == t.SECRET:
        rid = arn("secretsmanager", f"secret:{name}-{digest(urn, 6)}")
        out.update(arn=rid)
    elif token == t.SNS_TOPIC:
        rid = arn("sns", name)
        out.update(arn=rid, owner=account)
    elif token == t.SNS_TOPIC_SUBSCRIPTION:
        rid = f"{inputs.get('topic', arn('sns', 'topic'))}:{fake_uuid(urn)}"
        out.update(arn=rid)
    elif token == t.CLOUDTRAIL:
        out.update(arn=arn("cloudtrail", f"trail/{name}"), homeRegion=region)
        rid = out["arn"]
        out.setdefault("enableLogging", True)
        out.setdefault("isMultiRegionTrail", False)
        out.setdefault("enableLogFileValidation", False)
        out.setdefault("includeGlobalServiceEvents", True)
    elif token == t.BACKUP_VAULT:
        out.update(arn=arn("backup", f"backup-vault:{name}"), recoveryPoints=0)
    elif token == t.BACKUP_PLAN:
        rid = fake_uuid(urn)
        out.update(arn=arn("backup", f"backup-plan:{rid}"), version=digest(urn, 32))
    elif token == t.BACKUP_SELECTION:
        rid = digest(urn, 36)
    elif token == t.BACKUP_VAULT_LOCK:
        rid = str(inputs.get("backupVaultName", rid))
        out["backupVaultArn"] = arn("backup", f"backup-vault:{rid}")
    elif token in t.LOAD_BALANCERS:
        suffix = f"app/{name}/{digest(urn, 16)}"
        rid = arn("elasticloadbalancing", f"loadbalancer/{suffix}")
        out.update(arn=rid, arnSuffix=suffix, dnsName=f"{name}-{int(digest(urn, 8), 16)}.{region}.elb.amazonaws.com",
                   zoneId="Z35SXDOTRQ7X7K")
    elif token in t.LB_LISTENERS:
        rid = arn("elasticloadbalancing", f"listener/app/{logical}/{digest(urn, 16)}/{digest(urn + 'l', 16)}")
        out.update(arn=rid)
    elif token == t.LB_TARGET_GROUP:
        suffix = f"targetgroup/{name}/{digest(urn, 16)}"
        rid = arn("elasticloadbalancing", suffix)
        out.update(arn=rid, arnSuffix=suffix)
    elif token == t.WAF_WEB_ACL:
        rid = fake_uuid(urn)
        out.update(arn=arn("wafv2", f"regional/webacl/{name}/{rid}"), capacity=700, lockToken=fake_uuid(urn + "l"))
    elif token == t.GUARDDUTY_DETECTOR:
        rid = digest(urn, 32)
        out.update(arn=arn("guardduty", f"detector/{rid}"), accountId=account)
        out.setdefault("enable", True)
    elif token == t.ACCESS_ANALYZER:
        out.update(arn=arn("access-analyzer", f"analyzer/{name}"))
    elif token == t.CONFIG_RULE:
        rule_id = f"config-rule-{digest(urn, 6)}"
        out.update(arn=arn("config", f"config-rule/{rule_id}"), ruleId=rule_id)
    elif token == t.CONFIG_RECORDER:
        out.update(roleArn=inputs.get("roleArn", ""))
    elif token in (t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, t.EBS_ENCRYPTION_BY_DEFAULT, t.EBS_DEFAULT_KMS_KEY,
                   t.IAM_ACCOUNT_PASSWORD_POLICY):
        rid = account if token == t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK else (
            "iam-account-password-policy" if token == t.IAM_ACCOUNT_PASSWORD_POLICY else region)
        if token == t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK:
            out.setdefault("accountId", account)
        if token == t.IAM_ACCOUNT_PASSWORD_POLICY:
            out.setdefault("expirePasswords", bool(inputs.get("maxPasswordAge")))
    elif token in (t.S3_POLICY, t.S3_PUBLIC_ACCESS_BLOCK, t.S3_OWNERSHIP_CONTROLS) or token in (
        *t.S3_SSES, *t.S3_VERSIONINGS, *t.S3_LOGGINGS, *t.S3_LIFECYCLES, *t.S3_OBJECT_LOCKS, *t.S3_ACLS
    ):
        bucket = inputs.get("bucket")
        rid = bucket if isinstance(bucket, str) else rid
    return rid, out


def call_result(token: str, args: dict[str, Any], account: str, region: str) -> dict[str, Any]:
    """What a data-source invoke returns; programs read the caller's account, region and zones this way."""
    if token == "aws:index/getCallerIdentity:getCallerIdentity":
        return {"accountId": account, "arn": f"arn:aws:iam::{account}:user/preview", "userId": "AIDAPREVIEW",
                "id": account}
    if token == "aws:index/getRegion:getRegion":
        return {"name": region, "region": region, "id": region, "endpoint": f"ec2.{region}.amazonaws.com",
                "description": region}
    if token == "aws:index/getPartition:getPartition":
        return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws", "reverseDnsPrefix": "com.amazonaws"}
    if token == "aws:index/getAvailabilityZones:getAvailabilityZones":
        names = [f"{region}{c}" for c in "abcdef"]
        return {"names": names, "zoneIds": [f"use1-az{i}" for i in range(1, 7)], "id": region, "groupNames": []}
    if token == "aws:iam/getPolicyDocument:getPolicyDocument":
        return {"json": json.dumps(_policy_document(args)), "id": digest(json.dumps(args, sort_keys=True), 10)}
    return {}


def _policy_document(args: dict[str, Any]) -> dict[str, Any]:
    statements = []
    for st in args.get("statements") or []:
        out: dict[str, Any] = {"Effect": st.get("effect", "Allow")}
        if st.get("sid"):
            out["Sid"] = st["sid"]
        for src, dst in (("actions", "Action"), ("notActions", "NotAction"), ("resources", "Resource"),
                         ("notResources", "NotResource")):
            if st.get(src):
                out[dst] = st[src]
        for src, dst in (("principals", "Principal"), ("notPrincipals", "NotPrincipal")):
            if st.get(src):
                out[dst] = {p["type"]: p["identifiers"] for p in st[src]}
        if st.get("conditions"):
            cond: dict[str, dict[str, Any]] = {}
            for c in st["conditions"]:
                cond.setdefault(c["test"], {})[c["variable"]] = c["values"]
            out["Condition"] = cond
        statements.append(out)
    return {"Version": args.get("version", "2012-10-17"), "Statement": statements}
