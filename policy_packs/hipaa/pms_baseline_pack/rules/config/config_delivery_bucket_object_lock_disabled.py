"""The bucket an AWS Config delivery channel writes to has no S3 Object Lock."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import OPAQUE, find_bucket, label, object_lock

SOURCE = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-deliverychannel.html"
)


@stack_rule(
    id="config-delivery-bucket-object-lock-disabled",
    title="The AWS Config delivery bucket has no S3 Object Lock",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.CONFIG_DELIVERY_CHANNEL, *t.S3_BUCKETS, *t.S3_OBJECT_LOCKS),
    remediation="Deliver AWS Config to a bucket of its own created without Object Lock (keep the trail's "
    "Object-Locked bucket for CloudTrail).",
)
def check(resources, config):
    """Each delivery channel's s3BucketName names no bucket of the stack that has Object Lock enabled."""
    found = []
    for channel in [r for r in resources if r.type == t.CONFIG_DELIVERY_CHANNEL]:
        bucket = find_bucket(resources, channel.props.get("s3BucketName"))
        if bucket is None or bucket is OPAQUE:
            continue
        lock = object_lock(resources, bucket)
        if lock is OPAQUE or not lock[0]:
            continue
        found.append(
            Violation(
                f"delivery channel {label(channel)} delivers to bucket {label(bucket)}, which has S3 Object Lock "
                "enabled, and AWS Config does not support delivering to an Object-Locked bucket; give the delivery "
                "channel a bucket of its own without Object Lock",
                channel.urn,
            )
        )
    return found
