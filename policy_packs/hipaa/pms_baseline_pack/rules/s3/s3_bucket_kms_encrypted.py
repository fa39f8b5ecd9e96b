"""Every S3 bucket encrypts new objects by default with a customer-managed KMS key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import (
    ROLE_TAG,
    SSE_S3_ONLY_ROLES,
    block,
    blocks,
    bucket_configs,
    bucket_name,
    is_customer_managed_key,
    tags,
)

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


def _defaults(bucket, resources) -> list[dict]:
    """Every applyServerSideEncryptionByDefault block of the bucket (separate resource or inline)."""
    rules = [
        rule
        for cfg in bucket_configs(resources, bucket, *t.S3_SSES)
        for rule in blocks(cfg.props.get("rules"))
    ]
    inline = block(bucket.props.get("serverSideEncryptionConfiguration"))
    if isinstance(inline, dict):
        rules.extend(blocks(inline.get("rule")))
    found = [block(r.get("applyServerSideEncryptionByDefault")) for r in rules if isinstance(r, dict)]
    return [d for d in found if isinstance(d, dict)]


@stack_rule(
    id="s3-bucket-kms-encrypted",
    title="S3 buckets encrypt objects by default with a customer-managed KMS key",
    severity="critical",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(*t.S3_BUCKETS, *t.S3_SSES),
    remediation=(
        "Declare a BucketServerSideEncryptionConfiguration for the bucket with sse_algorithm='aws:kms' and "
        "kms_master_key_id set to the baseline's key for that data. Log-delivery buckets that AWS "
        "can only write with SSE-S3 (load balancer access logs, S3 server access logs) are tagged "
        "pms-role=load-balancer-logs or pms-role=access-logs and may use AES256."
    ),
    aws_config_rules=("s3-bucket-server-side-encryption-enabled", "s3-default-encryption-kms"),
    checkov_ids=("CKV_AWS_19", "CKV_AWS_145"),
)
def check(resources, config):
    """Each bucket's default encryption is aws:kms with a customer-managed key (AES256: log delivery)."""
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        name = bucket_name(bucket)
        defaults = _defaults(bucket, resources)
        if not defaults:
            found.append(
                Violation(
                    f"bucket {name} has no server-side encryption configuration, so S3 falls back to "
                    "SSE-S3; declare a BucketServerSideEncryptionConfiguration with "
                    "sse_algorithm='aws:kms' and a customer-managed key (164.312(a)(2)(iv))",
                    bucket.urn,
                )
            )
            continue
        sse_s3_only = tags(bucket.props).get(ROLE_TAG) in SSE_S3_ONLY_ROLES
        for default in defaults:
            algorithm = default.get("sseAlgorithm")
            key = default.get("kmsMasterKeyId")
            if is_opaque(algorithm):
                continue
            if algorithm == "AES256" and sse_s3_only:
                continue
            if algorithm not in KMS_ALGORITHMS:
                found.append(
                    Violation(
                        f"bucket {name} sseAlgorithm is {algorithm or 'unset'}; set sse_algorithm='aws:kms' "
                        "with a customer-managed key (164.312(a)(2)(iv))",
                        bucket.urn,
                    )
                )
            elif is_customer_managed_key(key) is False:
                found.append(
                    Violation(
                        f"bucket {name} kmsMasterKeyId is {key or 'unset'}, so S3 uses the AWS-managed key "
                        "aws/s3; set kms_master_key_id to a customer-managed key (164.312(a)(2)(iv))",
                        bucket.urn,
                    )
                )
    return found
