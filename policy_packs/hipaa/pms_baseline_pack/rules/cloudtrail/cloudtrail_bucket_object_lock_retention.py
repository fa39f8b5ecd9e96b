"""The CloudTrail bucket's Object Lock keeps every log in COMPLIANCE mode for at least six years."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, environment_list, stack_rule
from pms_baseline_pack.rules.cloudtrail import default_retention, trail_bucket, trail_name
from pms_baseline_pack.rules.props import (
    block,
    bucket_configs,
    bucket_name,
    integer,
    is_exempt_environment,
    of_type,
    shown,
)

# 164.316(b)(2)(i): six years from creation; Object Lock counts a year as 365 days.
SIX_YEARS_DAYS = 2190


def _retention_days(retention):
    days, years = retention.get("days"), retention.get("years")
    if is_opaque(days) or is_opaque(years):
        return None, True
    if integer(days) is not None:
        return integer(days), False
    if integer(years) is not None:
        return integer(years) * 365, False
    return None, False


@stack_rule(
    id="cloudtrail-bucket-object-lock-retention",
    title="The CloudTrail bucket locks logs in COMPLIANCE mode for at least the retention floor",
    severity="critical",
    citations=("164.316(b)(2)(i)", "164.312(c)(1)"),
    resource_types=(t.CLOUDTRAIL, *t.S3_BUCKETS, *t.S3_OBJECT_LOCKS),
    remediation="Use the AuditTrail component (object_lock_days from pms-baseline:auditRetentionDays, 2190 "
    "in prod), or declare a BucketObjectLockConfiguration for the trail's bucket with a default_retention "
    "of mode=COMPLIANCE and days at or above the floor.",
    aws_config_rules=("s3-bucket-default-lock-enabled",),
    checkov_ids=("CKV_AWS_143",),
    config={
        "minimumRetentionDays": ConfigParam(
            "integer",
            SIX_YEARS_DAYS,
            "Fewest days of default Object Lock retention on the trail's bucket (six years; may only be "
            "raised).",
            minimum=SIX_YEARS_DAYS,
        ),
        "exemptEnvironments": environment_list(
            ["staging", "test"],
            "Environments (the buckets' environment tag) where only the COMPLIANCE mode, not the day "
            "floor, is enforced; untagged buckets are never exempt.",
        ),
    },
)
def check(resources, config):
    """Each trail's bucket has a default retention with mode COMPLIANCE and days (or years) >= the floor."""
    floor = config["minimumRetentionDays"]
    found = []
    for trail in of_type(resources, t.CLOUDTRAIL):
        bucket = trail_bucket(resources, trail)
        if bucket is None:
            continue  # cloudtrail-bucket-object-lock-enabled reports a bucket outside the stack
        name = bucket_name(bucket)
        locks = [(c.urn, c.props) for c in bucket_configs(resources, bucket, *t.S3_OBJECT_LOCKS)]
        legacy = block(bucket.props.get("objectLockConfiguration"))
        if isinstance(legacy, dict) and legacy.get("rule"):
            locks.append((bucket.urn, legacy))
        retentions = [(urn, default_retention(props)) for urn, props in locks]
        retentions = [(urn, r) for urn, r in retentions if r is not None]
        if not retentions:
            found.append(
                Violation(
                    f"bucket {name} of trail {trail_name(trail)} has no Object Lock default retention; use "
                    "AuditTrail or declare a BucketObjectLockConfiguration with default_retention "
                    f"mode=COMPLIANCE and days={floor} (164.316(b)(2)(i))",
                    bucket.urn,
                )
            )
            continue
        for urn, retention in retentions:
            mode = retention.get("mode")
            if not is_opaque(mode) and mode != "COMPLIANCE":
                found.append(
                    Violation(
                        f"bucket {name} Object Lock default retention mode is {shown(mode)}, which "
                        "privileged users can bypass; set default_retention mode=COMPLIANCE "
                        "(164.316(b)(2)(i))",
                        urn,
                    )
                )
            if is_exempt_environment(bucket.props, config["exemptEnvironments"]):
                continue
            days, opaque = _retention_days(retention)
            if opaque or (days is not None and days >= floor):
                continue
            found.append(
                Violation(
                    f"bucket {name} Object Lock default retention is {shown(days)} days, below the floor of "
                    f"{floor}; set default_retention days={floor} or more (164.316(b)(2)(i))",
                    urn,
                )
            )
    return found
