"""The buckets that must be Object-Locked (by default the audit trail's, tagged pms-role=audit-logs) have Object
Lock enabled with a default retention in the required mode, as AWS Config's s3-bucket-default-lock-enabled judges
the buckets in its scope."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import block, bucket_configs, bucket_name, shown, tags


def _lock(resources, bucket):
    """(enabled, default retention mode) of the bucket's Object Lock; None for a value the state hides."""
    enabled = bucket.props.get("objectLockEnabled")
    legacy = block(bucket.props.get("objectLockConfiguration"))
    mode = None
    if isinstance(legacy, dict):
        if enabled is None and legacy.get("objectLockEnabled") is not None:
            enabled = legacy.get("objectLockEnabled") == "Enabled"
        mode = (block((block(legacy.get("rule")) or {}).get("defaultRetention")) or {}).get("mode")
    for cfg in bucket_configs(resources, bucket, *t.S3_OBJECT_LOCKS):
        rule = block(cfg.props.get("rule"))
        if is_opaque(rule):
            return None
        retention = block(rule.get("defaultRetention")) if isinstance(rule, dict) else None
        mode = (retention or {}).get("mode", mode)
    if is_opaque(enabled) or is_opaque(mode):
        return None
    return enabled is True, mode


@stack_rule(
    id="s3-bucket-object-lock-by-default",
    title="Buckets that must keep records unaltered have Object Lock with a default retention",
    severity="high",
    citations=("164.312(c)(1)", "164.316(b)(2)(i)"),
    resource_types=(*t.S3_BUCKETS, *t.S3_OBJECT_LOCKS),
    remediation="Use the AuditTrail component, or create the bucket with object_lock_enabled=True and declare a "
    "BucketObjectLockConfiguration whose default retention is in COMPLIANCE mode.",
    aws_config_rules=("s3-bucket-default-lock-enabled",),
    config={
        # The scope may widen (any value of the tag), never move off the audit trail's bucket; the mode may not
        # weaken to GOVERNANCE, which an administrator can lift.
        "tagKey": ConfigParam("string", "pms-role", "Tag key of the buckets judged (the Config rule's scope).",
                              choices=("pms-role",)),
        "tagValue": ConfigParam("string", "audit-logs", "Tag value of the buckets judged; empty for any value.",
                                choices=("audit-logs", "")),
        "mode": ConfigParam("string", "COMPLIANCE", "Required default retention mode.", choices=("COMPLIANCE",)),
    },
)
def check(resources, config):
    """Every bucket tagged tagKey(=tagValue) has objectLockEnabled true and a default retention in ``mode``."""
    key, value, mode = config["tagKey"], config["tagValue"], config["mode"]
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        bucket_tags = tags(bucket.props)
        if key and (key not in bucket_tags or (value and bucket_tags.get(key) != value)):
            continue
        lock = _lock(resources, bucket)
        if lock is None:
            continue
        enabled, found_mode = lock
        if not enabled:
            found.append(Violation(
                f"bucket {bucket_name(bucket)} has objectLockEnabled {shown(bucket.props.get('objectLockEnabled'))}, "
                "so its records can be deleted or overwritten; create it with object_lock_enabled=True "
                "(164.312(c)(1))", bucket.urn))
        elif mode and found_mode != mode:
            found.append(Violation(
                f"bucket {bucket_name(bucket)} default retention mode is {shown(found_mode)}; declare a "
                f"BucketObjectLockConfiguration with default retention mode {mode} (164.316(b)(2)(i))", bucket.urn))
    return found
