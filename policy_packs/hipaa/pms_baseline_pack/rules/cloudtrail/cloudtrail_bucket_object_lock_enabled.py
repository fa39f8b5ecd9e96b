"""The bucket a CloudTrail trail writes to has S3 Object Lock enabled."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.cloudtrail import trail_bucket, trail_name
from pms_baseline_pack.rules.props import block, bucket_name, of_type, shown


def _lock_enabled(bucket):
    """The bucket's objectLockEnabled (v7), else the legacy inline objectLockConfiguration's flag."""
    value = bucket.props.get("objectLockEnabled")
    if value is None:
        legacy = block(bucket.props.get("objectLockConfiguration"))
        if isinstance(legacy, dict) and legacy.get("objectLockEnabled") is not None:
            flag = legacy.get("objectLockEnabled")
            return flag if is_opaque(flag) else flag == "Enabled"
    return value


@stack_rule(
    id="cloudtrail-bucket-object-lock-enabled",
    title="The CloudTrail bucket has S3 Object Lock enabled",
    severity="critical",
    citations=("164.312(c)(1)", "164.316(b)(2)(i)"),
    resource_types=(t.CLOUDTRAIL, *t.S3_BUCKETS),
    remediation="Use the AuditTrail component, or create the trail's bucket with object_lock_enabled=True "
    "(Object Lock can only be turned on when the bucket is created).",
    aws_config_rules=("s3-bucket-default-lock-enabled",),
    checkov_ids=("CKV_AWS_143",),
)
def check(resources, config):
    """Each trail's s3BucketName names a bucket of the stack whose objectLockEnabled is true."""
    found = []
    for trail in of_type(resources, t.CLOUDTRAIL):
        wanted = trail.props.get("s3BucketName")
        if is_opaque(wanted):
            continue
        bucket = trail_bucket(resources, trail)
        if bucket is None:
            found.append(
                Violation(
                    f"trail {trail_name(trail)} writes to bucket {shown(wanted)}, which the stack does not "
                    "declare, so its Object Lock cannot be verified; use AuditTrail, which declares the "
                    "bucket (164.312(c)(1))",
                    trail.urn,
                )
            )
            continue
        value = _lock_enabled(bucket)
        if is_opaque(value) or value is True:
            continue
        found.append(
            Violation(
                f"bucket {bucket_name(bucket)} of trail {trail_name(trail)} has objectLockEnabled "
                f"{shown(value)}, so audit logs can be deleted; use AuditTrail or create the bucket with "
                "object_lock_enabled=True (164.312(c)(1))",
                bucket.urn,
            )
        )
    return found
