"""Every S3 bucket disables ACLs, so access is decided by IAM and the bucket policy alone."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import block, bucket_configs, bucket_name, shown


@stack_rule(
    id="s3-bucket-acls-disabled",
    title="S3 buckets enforce bucket-owner object ownership (ACLs disabled)",
    severity="medium",
    citations=("164.312(a)(1)", "164.308(a)(4)(ii)(B)"),
    resource_types=(*t.S3_BUCKETS, t.S3_OWNERSHIP_CONTROLS),
    remediation="Declare a BucketOwnershipControls for the bucket with "
    "object_ownership='BucketOwnerEnforced'.",
    aws_config_rules=("s3-bucket-acl-prohibited",),
    checkov_ids=("CKV2_AWS_65",),
)
def check(resources, config):
    """Each bucket has BucketOwnershipControls with objectOwnership BucketOwnerEnforced."""
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        name = bucket_name(bucket)
        controls = bucket_configs(resources, bucket, t.S3_OWNERSHIP_CONTROLS)
        owners = [(block(c.props.get("rule")) or {}).get("objectOwnership") for c in controls]
        if "BucketOwnerEnforced" in owners:
            continue
        found.append(
            Violation(
                f"bucket {name} objectOwnership is {shown(owners[0] if owners else None)}; declare "
                "BucketOwnershipControls with object_ownership='BucketOwnerEnforced' (164.312(a)(1))",
                bucket.urn,
            )
        )
    return found
