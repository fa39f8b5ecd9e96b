"""Drift in the narrow sense: what the state document says exists, compared with what the account has.

Resources are matched by the provider id the state records (a real ``pulumi stack export`` has the real ids);
a resource is reported missing only when its service's listing was complete in every verified region.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pms_baseline.findings import Finding
from pms_baseline.live.cloudtrail import selector_props
from pms_baseline.live.elb import lb_props, listener_props
from pms_baseline.live.rds import instance_props
from pms_baseline.live.readers import READERS, inventories
from pms_baseline.live.registry import UNREADABLE, Account, readable
from pms_baseline.state import StateDocument, is_opaque, is_secret
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.cloudtrail import management_coverage, records_s3_data_events

PAB_PROPS = {
    "blockPublicAcls": "BlockPublicAcls",
    "ignorePublicAcls": "IgnorePublicAcls",
    "blockPublicPolicy": "BlockPublicPolicy",
    "restrictPublicBuckets": "RestrictPublicBuckets",
}


def _live_index(acct: Account) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every live resource by each of its identifiers -> (pulumi type, description)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}

    def add(token: str, item: dict[str, Any], *keys: Any) -> None:
        for k in keys:
            if k:
                out[str(k)] = (token, item)

    for inv in acct.each("kms"):
        for key in inv.items.get("keys", []):
            add(t.KMS_KEY, key, key["meta"]["KeyId"], key["meta"]["Arn"])
    for b in acct.get("s3").items.get("buckets", []):
        add(t.S3_BUCKET, b, b["Name"])
    for inv in acct.each("cloudtrail"):
        for tr in inv.items.get("trails", []):
            add(t.CLOUDTRAIL, tr, tr["Name"], tr["TrailARN"])
    for inv in acct.each("rds"):
        for db in inv.items.get("instances", []):
            add(
                t.RDS_INSTANCE,
                db,
                db["DBInstanceIdentifier"],
                db.get("DBInstanceArn"),
                db.get("DbiResourceId"),
            )
    for inv in acct.each("ec2"):
        for v in inv.items.get("vpcs", []):
            add(t.VPC, v, v["VpcId"])
        for s in inv.items.get("subnets", []):
            add(t.SUBNET, s, s["SubnetId"])
        for g in inv.items.get("security_groups", []):
            add(t.SECURITY_GROUP, g, g["GroupId"])
        for f in inv.items.get("flow_logs", []):
            add(t.FLOW_LOG, f, f["FlowLogId"])
    for inv in acct.each("logs"):
        for g in inv.items.get("groups", []):
            add(t.LOG_GROUP, g, g["logGroupName"])
    for inv in acct.each("backup"):
        for v in inv.items.get("vaults", []):
            add(t.BACKUP_VAULT, v, v["BackupVaultName"], v.get("BackupVaultArn"))
        for p in inv.items.get("plans", []):
            add(t.BACKUP_PLAN, p, p.get("BackupPlanId"), p.get("BackupPlanArn"))
    for inv in acct.each("guardduty"):
        for det in inv.items.get("detectors", {}):
            add(t.GUARDDUTY_DETECTOR, {"DetectorId": det}, det)
    for inv in acct.each("elbv2"):
        for lb in inv.items.get("load_balancers", []):
            add(t.LOAD_BALANCER, lb, lb["LoadBalancerArn"])
        for ls in inv.items.get("listeners", []):
            add(t.LB_LISTENER, ls, ls["ListenerArn"])
    for inv in acct.each("sns"):
        for topic in inv.items.get("topics", []):
            add(t.SNS_TOPIC, topic, topic["TopicArn"])
    for inv in acct.each("cloudwatch"):
        for f in inv.items.get("metric_filters", []):
            add(t.LOG_METRIC_FILTER, f, f["filterName"])
        for a in inv.items.get("alarms", []):
            add(t.METRIC_ALARM, a, a["AlarmName"], a.get("AlarmArn"))
    return out


def _reader_index(acct: Account) -> dict[tuple[str, str], dict[str, Any]]:
    """Every description a Reader declares, by (the reader's token, each of its identifiers): kinds read from the
    same listing (DB instances and Aurora cluster instances) keep apart."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in set(READERS.values()):
        for inv in inventories(acct, r.service):
            for item in inv.items.get(r.key, []):
                if item is not UNREADABLE:
                    for ident in r.ids(item):
                        if ident:
                            out[(r.token, str(ident))] = item
    return out


def _find(index, by_reader, r) -> tuple[str, dict[str, Any]] | None:
    """The live (token, description) of the state's resource ``r``, by its id or ARN."""
    keys = (r.id, str(r.outputs.get("arn", "")))
    if r.type in READERS and r.type not in TRACKED:
        token = READERS[r.type].token
        item = next((by_reader[(token, k)] for k in keys if (token, k) in by_reader), None)
        return (token, item) if item is not None else None
    return index.get(keys[0]) or index.get(keys[1])


# State kind -> the service whose listing must be complete before absence means "missing".
TRACKED = {
    t.KMS_KEY: "kms",
    t.S3_BUCKET: "s3",
    t.S3_BUCKET_V2: "s3",
    t.CLOUDTRAIL: "cloudtrail",
    t.RDS_INSTANCE: "rds",
    t.VPC: "ec2",
    t.SUBNET: "ec2",
    t.SECURITY_GROUP: "ec2",
    t.FLOW_LOG: "ec2",
    t.LOG_GROUP: "logs",
    t.BACKUP_VAULT: "backup",
    t.BACKUP_PLAN: "backup",
    t.GUARDDUTY_DETECTOR: "guardduty",
    t.LOAD_BALANCER: "elbv2",
    t.ALB_LOAD_BALANCER: "elbv2",
    t.LB_LISTENER: "elbv2",
    t.ALB_LISTENER: "elbv2",
    t.SNS_TOPIC: "sns",
    t.LOG_METRIC_FILTER: "cloudwatch",
    t.METRIC_ALARM: "cloudwatch",
}
# What drift compares on each kind (the state's engine names), read from the account as the live checks map it.
RDS_SETTINGS = ("storageEncrypted", "publiclyAccessible", "backupRetentionPeriod", "multiAz", "deletionProtection",
                "iamDatabaseAuthenticationEnabled", "autoMinorVersionUpgrade", "copyTagsToSnapshot",
                "monitoringInterval")


def _tracked(token: str) -> str | None:
    """The service whose listing must be complete before a state resource of ``token`` is called missing."""
    if token in TRACKED:
        return TRACKED[token]
    return READERS[token].service if token in READERS else None


def _complete(acct: Account, service: str) -> bool:
    invs = [acct.get("s3")] if service == "s3" else inventories(acct, service)
    return bool(invs) and all(inv.complete for inv in invs)


def _differs(declared: Any, live: Any) -> bool:
    return (declared is not None and not is_opaque(declared) and live is not None and live is not UNREADABLE
            and declared != live)


def _settings(token: str, props: dict[str, Any], item: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(setting, declared, live) for the settings drift reports on each kind."""
    if token == t.KMS_KEY and readable(item["rotation"]) and item["rotation"] is not None:
        yield (
            "enableKeyRotation",
            props.get("enableKeyRotation"),
            bool(item["rotation"].get("KeyRotationEnabled")),
        )
    elif token == t.RDS_INSTANCE:
        live = instance_props(item)
        live.update(storageEncrypted=item.get("StorageEncrypted"), publiclyAccessible=item.get("PubliclyAccessible"))
        for setting in RDS_SETTINGS:
            yield setting, props.get(setting), live.get(setting)
        declared = props.get("enabledCloudwatchLogsExports")
        if isinstance(declared, list):
            yield "enabledCloudwatchLogsExports", sorted(declared), sorted(live["enabledCloudwatchLogsExports"])
    elif token == t.LOAD_BALANCER and readable(item["Attributes"]):
        live = lb_props(item)
        yield "enableDeletionProtection", props.get("enableDeletionProtection"), live["enableDeletionProtection"]
        yield "dropInvalidHeaderFields", props.get("dropInvalidHeaderFields"), live["dropInvalidHeaderFields"]
        logs = props.get("accessLogs") if isinstance(props.get("accessLogs"), dict) else {}
        yield "accessLogs.enabled", logs.get("enabled"), live["accessLogs"]["enabled"]
        yield "accessLogs.bucket", logs.get("bucket"), live["accessLogs"]["bucket"]
    elif token == t.LB_LISTENER:
        live = listener_props(item)
        yield "protocol", props.get("protocol"), live["protocol"]
        yield "sslPolicy", props.get("sslPolicy"), live["sslPolicy"]
    elif token == t.SNS_TOPIC and readable(item["Attributes"]):
        yield "kmsMasterKeyId", props.get("kmsMasterKeyId"), item["Attributes"].get("KmsMasterKeyId") or ""
    elif token == t.LOG_GROUP:
        yield "retentionInDays", props.get("retentionInDays") or None, item.get("retentionInDays") or 0
    elif token == t.CLOUDTRAIL:
        yield "isMultiRegionTrail", props.get("isMultiRegionTrail"), item.get("IsMultiRegionTrail")
        yield (
            "enableLogFileValidation",
            props.get("enableLogFileValidation"),
            item.get("LogFileValidationEnabled"),
        )
        live = selector_props(item.get("Selectors"))
        if not is_opaque(live["eventSelectors"]):
            # Selectors are compared by what they record: S3 data events, and management events read and write.
            yield "records S3 data events", records_s3_data_events(props), records_s3_data_events(live)
            yield (
                "management events recorded",
                sorted(management_coverage(props) or []) if management_coverage(props) is not None else None,
                sorted(management_coverage(live) or []),
            )
    elif token in READERS:
        reader = READERS[token]
        live = reader.props(item)
        for setting in reader.compare:
            yield setting, at(props, setting), at(live, setting)


def _bucket_settings(doc: StateDocument, buckets: dict[str, dict[str, Any]]):
    """(resource, bucket, setting, declared, live) for encryption, server access logging and public access block
    configs."""
    for r in doc.of_type(*t.S3_SSES):
        b = buckets.get(str(r.props.get("bucket")))
        if not b or not readable(b["Encryption"]):
            continue
        rules = r.props.get("rules") or []
        declared = ((rules[0] if rules else {}).get("applyServerSideEncryptionByDefault") or {}).get(
            "sseAlgorithm"
        )
        live_rules = b["Encryption"] or []
        live = ((live_rules[0] if live_rules else {}).get("ApplyServerSideEncryptionByDefault") or {}).get(
            "SSEAlgorithm", "none"
        )
        yield r, b, "sseAlgorithm", declared, live
    for r in doc.of_type(*t.S3_LOGGINGS):
        b = buckets.get(str(r.props.get("bucket")))
        if not b or not readable(b["Logging"]):
            continue
        yield r, b, "logging targetBucket", r.props.get("targetBucket"), (b["Logging"] or {}).get("TargetBucket", "")
    for r in doc.of_type(t.S3_PUBLIC_ACCESS_BLOCK):
        b = buckets.get(str(r.props.get("bucket")))
        if not b or not readable(b["PublicAccessBlock"]):
            continue
        pab = b["PublicAccessBlock"] or {}
        for prop, key in PAB_PROPS.items():
            yield r, b, prop, r.props.get(prop), bool(pab.get(key, False))


def _region_settings(acct: Account, doc: StateDocument):
    """(resource, setting, declared, live) for the settings AWS keeps once per Region, matched by Region (and the
    recorder by name) rather than by id: EBS encryption by default and its key, and whether the Config recorder
    records. A Region this run did not verify, or a setting it could not read, is not compared."""

    def inventory(service: str, r) -> Any:
        return acct.inventories.get((service, _region_of(r) or acct.regions[0]))

    for r in doc.of_type(t.EBS_ENCRYPTION_BY_DEFAULT):
        inv = inventory("ec2", r)
        if inv is not None:
            enabled = r.props.get("enabled")
            yield r, "enabled", True if enabled is None else enabled, inv.items.get("ebs_encryption_by_default")
    for r in doc.of_type(t.EBS_DEFAULT_KMS_KEY):
        inv, declared = inventory("ec2", r), r.props.get("keyArn")
        if inv is not None and isinstance(declared, str) and declared.startswith("arn:"):
            yield r, "keyArn", declared, inv.items.get("ebs_default_kms_key")
    for r in doc.of_type(t.CONFIG_RECORDER_STATUS):
        inv = inventory("config", r)
        if inv is not None and inv.complete:
            status = inv.items.get("recorder_status", {})
            yield r, "isEnabled", r.props.get("isEnabled"), status.get(str(r.props.get("name")), False)


def drift(acct: Account, doc: StateDocument) -> Iterator[Finding]:
    """``live-resource-missing`` for state resources the account lacks, ``live-setting-drift`` for changes."""
    index, by_reader = _live_index(acct), _reader_index(acct)
    live = acct.live
    for r in doc.resources:
        service = _tracked(r.type)
        if not service or not r.id:
            continue
        found = _find(index, by_reader, r)
        if found is None:
            # A resource of a Region this run did not verify is not missing, only unseen.
            if _complete(acct, service) and _region_of(r) in ("", *acct.regions):
                yield live.finding(
                    "live-resource-missing",
                    r.type,
                    r.name,
                    r.id,
                    f"{r.type} {r.name} ({r.id}) is in the state but not in the account",
                    urn=r.urn,
                )
            continue
        token, item = found
        for setting, declared, actual in _settings(token, r.props, item):
            if _differs(declared, actual):
                yield live.finding(
                    "live-setting-drift",
                    r.type,
                    r.name,
                    r.id,
                    f"{r.name}: {setting} is {_said(actual, declared)} in the account, {declared!r} in the state",
                    urn=r.urn,
                )
    for r, setting, declared, actual in _region_settings(acct, doc):
        if _differs(declared, actual):
            yield live.finding(
                "live-setting-drift",
                r.type,
                r.name,
                r.id or r.name,
                f"{r.name}: {setting} is {_said(actual, declared)} in the account, {declared!r} in the state",
                urn=r.urn,
            )
    buckets = {b["Name"]: b for b in acct.get("s3").items.get("buckets", [])}
    for r, b, setting, declared, actual in _bucket_settings(doc, buckets):
        if _differs(declared, actual):
            yield live.finding(
                "live-setting-drift",
                r.type,
                r.name,
                r.id or b["Name"],
                f"bucket {b['Name']}: {setting} is {_said(actual, declared)} in the account, {declared!r} in the state",
                urn=r.urn,
            )


def at(props: Any, path: str) -> Any:
    """The value at a dotted ``path`` (``pointInTimeRecovery.enabled``); a one-element list (how the state keeps
    a nested block) is stepped into."""
    for part in path.split("."):
        if isinstance(props, list) and len(props) == 1:
            props = props[0]
        if not isinstance(props, dict):
            return None
        props = props.get(part)
    return props


def _region_of(r) -> str:
    """The Region the state places ``r`` in: its own ``region`` (pulumi-aws v7), else its ARN's; '' when global."""
    region = r.props.get("region")
    if isinstance(region, str) and region:
        return region
    parts = str(r.outputs.get("arn") or r.id or "").split(":")
    return parts[3] if len(parts) > 5 and parts[0] == "arn" else ""


def _said(actual: Any, declared: Any) -> str:
    """The account's value as a drift line shows it: hidden when the state marks the setting secret (the
    account's value of a secret setting is as secret as the state's)."""
    return "[secret]" if is_secret(declared) else repr(actual)
