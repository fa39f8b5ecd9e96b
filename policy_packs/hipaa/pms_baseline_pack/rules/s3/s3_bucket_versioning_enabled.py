"""Every S3 bucket keeps prior versions of its objects."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import block, bucket_configs, bucket_name, shown


@stack_rule(
    id="s3-bucket-versioning-enabled",
    title="S3 buckets have versioning enabled",
    severity="medium",
    citations=("164.312(c)(1)", "164.308(a)(7)(ii)(A)"),
    resource_types=(*t.S3_BUCKETS, *t.S3_VERSIONINGS),
    remediation="Declare a BucketVersioning for the bucket with versioning_configuration status 'Enabled'.",
    aws_config_rules=("s3-bucket-versioning-enabled",),
    checkov_ids=("CKV_AWS_21",),
)
def check(resources, config):
    """Each bucket has a BucketVersioning with status Enabled (or the inline versioning block enabled)."""
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        statuses = []
        for cfg in bucket_configs(resources, bucket, *t.S3_VERSIONINGS):
            statuses.append((block(cfg.props.get("versioningConfiguration")) or {}).get("status"))
        inline = block(bucket.props.get("versioning"))
        if isinstance(inline, dict) and inline.get("enabled") is True:
            statuses.append("Enabled")
        if "Enabled" in statuses or any(is_opaque(s) for s in statuses):
            continue
        found.append(
            Violation(
                f"bucket {bucket_name(bucket)} versioning status is "
                f"{shown(statuses[0] if statuses else None)}; declare BucketVersioning with status "
                "'Enabled' so overwritten or deleted objects can be recovered (164.312(c)(1))",
                bucket.urn,
            )
        )
    return found
