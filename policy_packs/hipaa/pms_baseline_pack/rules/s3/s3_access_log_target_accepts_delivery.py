"""The bucket S3 server access logs go to uses SSE-S3 and has no Object Lock default retention."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import OPAQUE, bucket_encryption, find_bucket, label, object_lock
from pms_baseline_pack.rules.props import block

SOURCE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"


@stack_rule(
    id="s3-access-log-target-accepts-delivery",
    title="An S3 server-access-log target bucket uses SSE-S3 and has no Object Lock default retention",
    severity="medium",
    citations=(),
    sources=(SOURCE,),
    resource_types=(*t.S3_BUCKETS, *t.S3_LOGGINGS, *t.S3_SSES, *t.S3_OBJECT_LOCKS),
    remediation="Send server access logs to a bucket of their own with SSE-S3 (AES256) default encryption and "
    "without an Object Lock default retention period.",
)
def check(resources, config):
    """Each target bucket of a BucketLogging (or inline logging) has no SSE-KMS default encryption and no Object
    Lock default retention; AWS documents that server access logs are delivered to neither."""
    found = []
    targets = [c.props.get("targetBucket") for c in resources if c.type in t.S3_LOGGINGS]
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        inline = block(bucket.props.get("logging"))
        if isinstance(inline, dict):
            targets.append(inline.get("targetBucket"))
    seen = set()
    for name in targets:
        target = find_bucket(resources, name)
        if target is None or target is OPAQUE or target.urn in seen:
            continue
        seen.add(target.urn)
        encryption = bucket_encryption(resources, target)
        if isinstance(encryption, tuple) and encryption[0].startswith("aws:kms"):
            found.append(
                Violation(
                    f"bucket {label(target)} receives S3 server access logs but encrypts with {encryption[0]}; S3 "
                    "delivers server access logs only to buckets with SSE-S3, so none arrive; set its default "
                    "encryption to AES256",
                    target.urn,
                )
            )
        lock = object_lock(resources, target)
        if lock is not OPAQUE and lock[0] and lock[1]:
            found.append(
                Violation(
                    f"bucket {label(target)} receives S3 server access logs but has an Object Lock default retention "
                    "period, which S3 does not support for a log target, so none arrive; remove the default retention "
                    "or send the logs to another bucket",
                    target.urn,
                )
            )
    return found
