"""Every S3 bucket has a public access block with all four settings on."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import bucket_configs, bucket_name, shown

FLAGS = {
    "blockPublicAcls": "block_public_acls",
    "blockPublicPolicy": "block_public_policy",
    "ignorePublicAcls": "ignore_public_acls",
    "restrictPublicBuckets": "restrict_public_buckets",
}


@stack_rule(
    id="s3-bucket-public-access-blocked",
    title="S3 buckets block all public access",
    severity="critical",
    citations=("164.312(a)(1)",),
    resource_types=(*t.S3_BUCKETS, t.S3_PUBLIC_ACCESS_BLOCK),
    remediation="Declare a BucketPublicAccessBlock for the bucket with block_public_acls, "
    "block_public_policy, ignore_public_acls and restrict_public_buckets all True.",
    aws_config_rules=("s3-bucket-level-public-access-prohibited",),
    checkov_ids=("CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"),
)
def check(resources, config):
    """Each bucket has a BucketPublicAccessBlock whose four flags are true."""
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        name = bucket_name(bucket)
        blocks_ = bucket_configs(resources, bucket, t.S3_PUBLIC_ACCESS_BLOCK)
        if not blocks_:
            found.append(
                Violation(
                    f"bucket {name} has no BucketPublicAccessBlock; declare one with all four settings True "
                    "(164.312(a)(1))",
                    bucket.urn,
                )
            )
            continue
        for pab in blocks_:
            for prop, arg in FLAGS.items():
                value = pab.props.get(prop)
                if not is_opaque(value) and value is not True:
                    found.append(
                        Violation(
                            f"bucket {name} public access block {prop} is {shown(value)}; set {arg}=True "
                            "(164.312(a)(1))",
                            pab.urn,
                        )
                    )
    return found
