"""Every versioned S3 bucket has a lifecycle policy, so superseded versions are archived or expired on purpose."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import block, blocks, bucket_configs, bucket_name


def _versioned(resources, bucket) -> bool:
    statuses = [(block(c.props.get("versioningConfiguration")) or {}).get("status")
                for c in bucket_configs(resources, bucket, *t.S3_VERSIONINGS)]
    inline = block(bucket.props.get("versioning"))
    return "Enabled" in statuses or (isinstance(inline, dict) and inline.get("enabled") is True)


@stack_rule(
    id="s3-bucket-versioned-lifecycle",
    title="Versioned S3 buckets have an enabled lifecycle rule",
    severity="low",
    citations=("164.316(b)(2)(i)", "164.308(a)(7)(ii)(A)"),
    resource_types=(*t.S3_BUCKETS, *t.S3_VERSIONINGS, *t.S3_LIFECYCLES),
    remediation="Declare a BucketLifecycleConfiguration for the bucket with an Enabled rule that archives or "
    "expires noncurrent versions (AuditTrail's audit bucket archives them and never expires anything inside "
    "the Object Lock period).",
    aws_config_rules=("s3-version-lifecycle-policy-check",),
    checkov_ids=("CKV2_AWS_61",),
)
def check(resources, config):
    """Each bucket with versioning Enabled has a lifecycle configuration with at least one Enabled rule."""
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        if not _versioned(resources, bucket):
            continue  # s3-bucket-versioning-enabled reports the bucket; a lifecycle alone would not fix it
        statuses = [rule.get("status") for c in bucket_configs(resources, bucket, *t.S3_LIFECYCLES)
                    for rule in blocks(c.props.get("rules")) if isinstance(rule, dict)]
        statuses += [rule.get("enabled") and "Enabled" for rule in blocks(bucket.props.get("lifecycleRules"))
                     if isinstance(rule, dict)]
        if "Enabled" in statuses or any(is_opaque(s) for s in statuses):
            continue
        found.append(
            Violation(
                f"versioned bucket {bucket_name(bucket)} has no enabled lifecycle rule, so every superseded "
                "version is kept at full price with no retention decision; declare a BucketLifecycleConfiguration "
                "that archives or expires noncurrent versions (164.316(b)(2)(i))",
                bucket.urn,
            )
        )
    return found
