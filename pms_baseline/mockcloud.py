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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
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

# Autonaming, as the AWS provider does it. Which input holds a resource's physical name is derived from the
# installed pulumi-aws SDK (``derive_autonamed``) and committed as ``autonamed.json`` beside this module, so a
# preview reads a small table instead of importing 1,700 resource classes; a test regenerates it from the SDK
# and compares. The rule the provider follows (pulumi/pulumi-aws provider/autonaming.go, setAutonaming): every
# resource with an input named ``name`` is autonamed, which makes that input optional in the SDK (the three
# resources that opt out, such as route53.Record, keep it required). Where Terraform names a resource through
# another input it pairs it with ``<input>Prefix`` (``bucket``/``bucketPrefix``, ``identifier``/
# ``identifierPrefix``), which the SDK shows. The few inputs provider/resources.go autonames that neither rule
# reveals are listed in ``_PROVIDER_AUTONAMED``, each checked against the SDK by the same test.
AUTONAMED_FILE = Path(__file__).with_name("autonamed.json")
_PROVIDER_AUTONAMED = {
    "aws:cloudwatch/eventTarget:EventTarget": "targetId",
    "aws:codedeploy/deploymentConfig:DeploymentConfig": "deploymentConfigName",
    "aws:efs/fileSystem:FileSystem": "creationToken",
    "aws:eks/fargateProfile:FargateProfile": "fargateProfileName",
    "aws:elasticache/cluster:Cluster": "clusterId",
    "aws:elasticache/replicationGroup:ReplicationGroup": "replicationGroupId",
    "aws:elasticsearch/domain:Domain": "domainName",
    "aws:mq/broker:Broker": "brokerName",
    "aws:msk/cluster:Cluster": "clusterName",
    "aws:msk/serverlessCluster:ServerlessCluster": "clusterName",
    "aws:opensearch/domain:Domain": "domainName",
    "aws:s3/bucketObject:BucketObject": "key",
    "aws:s3/bucketObjectv2:BucketObjectv2": "key",
}
# Inputs that name a resource the provider does not autoname (the program must give them); ARNs are built
# from them all the same.
_GIVEN_NAME = {t.ACCESS_ANALYZER: "analyzerName", t.RDS_SNAPSHOT: "dbSnapshotIdentifier"}


@dataclass(frozen=True)
class _Shape:
    """How the provider forms an autoname: ``<logical><separator><random>``, bounded and transformed."""

    maxlen: int = 255
    separator: str = "-"
    random: int = 7
    lower: bool = False
    letters: bool = False
    """The random part is lowercase letters, not hex (Glue and Lex names allow no digits)."""


# Where the provider departs from AutoName(name, 255, "-") (pulumi-aws provider/resources.go), and the
# lowercase identifiers AWS itself stores (RDS).
_SHAPES = {
    t.S3_BUCKET: _Shape(63, lower=True), t.S3_BUCKET_V2: _Shape(63, lower=True),
    t.RDS_INSTANCE: _Shape(lower=True), t.RDS_CLUSTER: _Shape(lower=True),
    t.LB_TARGET_GROUP: _Shape(32), "aws:alb/targetGroup:TargetGroup": _Shape(32),
    **{token: _Shape(32) for token in t.LOAD_BALANCERS},
    "aws:elasticache/cluster:Cluster": _Shape(50, lower=True),
    "aws:elasticache/replicationGroup:ReplicationGroup": _Shape(40, lower=True),
    "aws:elasticsearch/domain:Domain": _Shape(28, lower=True),
    "aws:cloudwatch/eventRule:EventRule": _Shape(64), t.IAM_ROLE: _Shape(64),
    "aws:lambda/function:Function": _Shape(64), "aws:lambda/permission:Permission": _Shape(100),
    "aws:elasticbeanstalk/environment:Environment": _Shape(40), "aws:mq/broker:Broker": _Shape(55),
    t.SNS_TOPIC: _Shape(80), "aws:sqs/queue:Queue": _Shape(80), t.KMS_ALIAS: _Shape(238),
    "aws:codedeploy/deploymentConfig:DeploymentConfig": _Shape(100, "_"),
    "aws:athena/database:Database": _Shape(separator="_"), "aws:iot/topicRule:TopicRule": _Shape(separator="_"),
    **{f"aws:glue/{kind}:{kind[0].upper()}{kind[1:]}": _Shape(separator="_", random=8, lower=True, letters=True)
       for kind in ("catalogDatabase", "catalogTable")},
    **{f"aws:lex/{kind}:{kind[0].upper()}{kind[1:]}": _Shape(separator="_", random=8, letters=True)
       for kind in ("bot", "botAlias", "intent", "slotType")},
    "aws:s3/bucketObject:BucketObject": _Shape(separator="", random=0),
    "aws:s3/bucketObjectv2:BucketObjectv2": _Shape(separator="", random=0),
}
# FIFO queues and topics must end in .fifo; the provider appends it to the autoname when asked for FIFO.
_FIFO = {"aws:sqs/queue:Queue": "fifoQueue", t.SNS_TOPIC: "fifoTopic"}


@cache
def autonamed() -> dict[str, str]:
    """Type token -> the input the AWS provider autonames, as committed in ``autonamed.json``."""
    return dict(json.loads(AUTONAMED_FILE.read_text())["autonamed"])


def name_key(token: str) -> str | None:
    """The input holding the physical name of a resource of ``token``, if it has one."""
    return autonamed().get(token) or _GIVEN_NAME.get(token)


def _random(urn: str, shape: _Shape) -> str:
    text = digest(urn, shape.random)
    return "".join(chr(ord("a") + int(c, 16) % 26) for c in text) if shape.letters else text


def physical_name(token: str, logical: str, urn: str, inputs: dict[str, Any]) -> str | None:
    """The name AWS will know the resource by: the given one, or the provider's autoname (logical name, a
    separator and random characters, derived from the URN so the same program gets the same names)."""
    key = name_key(token)
    if key is None:
        return None
    given = inputs.get(key)
    if isinstance(given, str) and given:
        return given
    if token not in autonamed():
        return None
    shape = _SHAPES.get(token, _Shape())
    prefix = inputs.get(f"{key}Prefix")
    if isinstance(prefix, str) and prefix:
        name = f"{prefix}{digest(urn, 7)}"
    else:
        base = f"{logical}{shape.separator}"[: max(shape.maxlen - shape.random, 1)]
        name = f"{base}{_random(urn, shape)}"
    name = name.lower() if shape.lower else name
    name = name[: shape.maxlen]
    if token in _FIFO and inputs.get(_FIFO[token]) is True:
        name = f"{name}.fifo"
    if token == t.KMS_ALIAS and not name.startswith("alias/"):
        name = f"alias/{name}"
    return name


def derive_autonamed() -> dict[str, str]:
    """Type token -> autonamed input (engine name), for every resource of the installed pulumi-aws SDK.

    Slow (it imports every resource module of the SDK, about 10 s): for the test and ``--write-autonamed``.
    """
    import importlib
    import inspect

    import pulumi_aws
    from pulumi._types import _PULUMI_NAME

    registry = Path(pulumi_aws.__file__).read_text().split('resource_modules="""', 1)[1].split('"""', 1)[0]
    found: dict[str, str] = {}
    for module in json.loads(registry):
        package = importlib.import_module(module["fqn"])
        for token, class_name in module["classes"].items():
            args = getattr(package, f"{class_name}Args", None)
            if args is None:
                continue
            optional = {
                getattr(getattr(args, param).fget, _PULUMI_NAME, param)
                for param, p in inspect.signature(args.__init__).parameters.items()
                if param != "__self__" and p.default is not inspect.Parameter.empty
            }
            paired = sorted(k for k in optional if k != "name" and f"{k}Prefix" in optional)
            key = _PROVIDER_AUTONAMED.get(token) or ("name" if "name" in optional else None) or next(
                iter(paired), None)
            if key is not None and key not in optional:
                raise ValueError(f"{token}: the SDK has no optional input {key!r}; update _PROVIDER_AUTONAMED")
            if key is not None:
                found[token] = key
    missing = set(_PROVIDER_AUTONAMED) - set(found)
    if missing:
        raise ValueError(f"the SDK has no resource {sorted(missing)}; update _PROVIDER_AUTONAMED")
    return dict(sorted(found.items()))


def write_autonamed() -> Path:
    """Regenerate ``autonamed.json`` from the installed SDK."""
    from importlib.metadata import version

    doc = {
        "source": f"pulumi-aws {version('pulumi-aws')}",
        "regenerate": "python -m pms_baseline.mockcloud --write-autonamed",
        "autonamed": derive_autonamed(),
    }
    AUTONAMED_FILE.write_text(json.dumps(doc, indent=1) + "\n")
    autonamed.cache_clear()
    return AUTONAMED_FILE


def resource_outputs(
    token: str, logical: str, urn: str, inputs: dict[str, Any], account: str, region: str
) -> tuple[str, dict[str, Any]]:
    """Return (id, outputs) as the AWS provider would after creating the resource."""
    out = dict(inputs)
    name = physical_name(token, logical, urn, inputs)
    key = name_key(token)
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
    elif token == t.REDSHIFT_CLUSTER:
        # What pulumi-aws v7 records when the program leaves these unset (its documented defaults).
        out.setdefault("encrypted", "true")
        out.setdefault("publiclyAccessible", False)
        out.setdefault("allowVersionUpgrade", True)
        out.setdefault("automatedSnapshotRetentionPeriod", 1)
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


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    import sys

    if sys.argv[1:] != ["--write-autonamed"]:
        sys.exit("usage: python -m pms_baseline.mockcloud --write-autonamed")
    print(f"wrote {write_autonamed()}")
