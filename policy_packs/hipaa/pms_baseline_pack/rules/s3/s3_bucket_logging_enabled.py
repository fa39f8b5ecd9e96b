"""Every S3 bucket records server access logs, except the bucket that receives them."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import ROLE_TAG, block, bucket_configs, bucket_name, tags


@stack_rule(
    id="s3-bucket-logging-enabled",
    title="S3 buckets record server access logs",
    severity="medium",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(*t.S3_BUCKETS, *t.S3_LOGGINGS),
    remediation="Declare a BucketLogging for the bucket with target_bucket set to the access-log bucket "
    "(AuditTrail's access_log_bucket, exported as accessLogBucket).",
    aws_config_rules=("s3-bucket-logging-enabled",),
    checkov_ids=("CKV_AWS_18",),
    config={
        "exemptRoles": ConfigParam(
            "array",
            ["access-logs"],
            "Values of the pms-role tag whose buckets need not log their own access: the bucket that receives "
            "the access logs (logging it into itself would log its own deliveries without end). No other role "
            "may be exempted.",
            items="string",
            choices=("access-logs",),
        )
    },
)
def check(resources, config):
    """Each bucket has a BucketLogging (or inline logging) naming a target bucket, unless its role is exempt."""
    exempt = set(config["exemptRoles"])
    found = []
    for bucket in [r for r in resources if r.type in t.S3_BUCKETS]:
        if tags(bucket.props).get(ROLE_TAG) in exempt:
            continue
        targets = [c.props.get("targetBucket") for c in bucket_configs(resources, bucket, *t.S3_LOGGINGS)]
        inline = block(bucket.props.get("logging"))
        if isinstance(inline, dict):
            targets.append(inline.get("targetBucket"))
        if any((isinstance(x, str) and x) or is_opaque(x) for x in targets):
            continue
        found.append(
            Violation(
                f"bucket {bucket_name(bucket)} has no server access logging, so reads of its objects leave no "
                "record outside CloudTrail; declare a BucketLogging with target_bucket set to the access-log "
                "bucket (164.312(b))",
                bucket.urn,
            )
        )
    return found
