"""Every S3 bucket's policy refuses requests that do not use TLS."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import as_list, bucket_configs, bucket_name, policy_document, statements


def _everyone(principal) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in as_list(principal.get("AWS"))


def denies_plain_http(statement: dict) -> bool:
    """A Deny of every S3 action, to everyone, when aws:SecureTransport is false."""
    if statement.get("Effect") != "Deny" or not _everyone(statement.get("Principal")):
        return False
    if not {"s3:*", "*"} & set(as_list(statement.get("Action"))):
        return False
    condition = statement.get("Condition") or {}
    bool_ = condition.get("Bool") if isinstance(condition, dict) else None
    if not isinstance(bool_, dict):
        return False
    values = as_list(bool_.get("aws:SecureTransport"))
    return bool(values) and all(str(v).lower() == "false" for v in values)


@stack_rule(
    id="s3-bucket-tls-only",
    title="S3 bucket policies deny requests without TLS",
    severity="high",
    citations=("164.312(e)(1)", "164.312(e)(2)(ii)"),
    resource_types=(*t.S3_BUCKETS, t.S3_POLICY),
    remediation="Declare a BucketPolicy for the bucket with a statement that denies s3:* to Principal '*' "
    "on the bucket and its objects when aws:SecureTransport is false.",
    aws_config_rules=("s3-bucket-ssl-requests-only",),
)
def check(resources, config):
    """Each bucket has a policy (BucketPolicy or inline) with a Deny on aws:SecureTransport=false."""
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        name = bucket_name(bucket)
        raw = [p.props.get("policy") for p in bucket_configs(resources, bucket, t.S3_POLICY)]
        if bucket.props.get("policy"):
            raw.append(bucket.props.get("policy"))
        if any(is_opaque(p) for p in raw):
            continue
        if not raw:
            found.append(
                Violation(
                    f"bucket {name} has no bucket policy, so it accepts plain HTTP; declare a BucketPolicy "
                    "that denies s3:* when aws:SecureTransport is false (164.312(e)(1))",
                    bucket.urn,
                )
            )
            continue
        if not any(denies_plain_http(s) for p in raw for s in statements(policy_document(p))):
            found.append(
                Violation(
                    f"bucket {name} policy has no Deny of s3:* for aws:SecureTransport=false; add one "
                    "(164.312(e)(1))",
                    bucket.urn,
                )
            )
    return found
