"""How checkov's results count in our gate, in one place: which checks are mandatory, what HIPAA requirement
each supports, and every check we skip on the baseline with the reason.

- A check that a rule of the HIPAA pack lists in its ``checkov_ids`` inherits that rule's citations, severity
  and AWS Config rule names, and is mandatory: the pack already enforces the same requirement.
- ``CHECKS`` curates the checks no rule of ours lists: their severity, citations and whether they are
  mandatory.
- Any other checkov check is advisory, with no citation: reported, never blocking.
- ``SKIPS`` lists every check the baseline does not meet on purpose, with why; a skip may be limited to some
  Terraform types. A skipped check is counted as skipped, not reported as a finding.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import cache

DEFAULT_SEVERITY = "low"


@dataclass(frozen=True)
class CheckPolicy:
    """What a checkov check means for us."""

    severity: str
    citations: tuple[str, ...]
    mandatory: bool
    aws_config_rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skip:
    """A checkov check the baseline does not meet on purpose."""

    reason: str
    resource_types: tuple[str, ...] = ()
    """Terraform types the skip applies to; empty means every type."""
    resource_names: tuple[str, ...] = ()
    """Pulumi resource names (shell patterns such as ``*-alb-logs``) it applies to; empty means all."""


# Checks with no rule of ours that still support a HIPAA requirement (severity, citations, mandatory).
CHECKS: dict[str, CheckPolicy] = {
    # Audit: the trail (164.312(b)); validation is integrity of the audit record (164.312(c)(1)).
    "CKV_AWS_35": CheckPolicy("high", ("164.312(a)(2)(iv)", "164.312(b)"), True),
    "CKV_AWS_36": CheckPolicy("high", ("164.312(b)", "164.312(c)(1)"), True),
    "CKV_AWS_67": CheckPolicy("high", ("164.312(b)",), True),
    "CKV2_AWS_10": CheckPolicy("medium", ("164.312(b)", "164.308(a)(1)(ii)(D)"), True),
    "CKV_AWS_252": CheckPolicy("low", ("164.308(a)(6)(ii)",), False),
    "CKV_AWS_66": CheckPolicy("medium", ("164.312(b)", "164.316(b)(2)(i)"), True),
    "CKV2_AWS_45": CheckPolicy("medium", ("164.308(a)(1)(ii)(D)", "164.308(a)(8)"), False),
    "CKV2_AWS_48": CheckPolicy("medium", ("164.308(a)(1)(ii)(D)", "164.308(a)(8)"), False),
    "CKV2_AWS_3": CheckPolicy("high", ("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"), False),
    "CKV_AWS_18": CheckPolicy("medium", ("164.312(b)",), False),
    "CKV_AWS_91": CheckPolicy("medium", ("164.312(b)",), False),
    "CKV2_AWS_31": CheckPolicy("medium", ("164.312(b)",), False),
    "CKV2_AWS_30": CheckPolicy("low", ("164.312(b)",), False),
    # Encryption at rest with customer-managed keys (164.312(a)(2)(iv)).
    "CKV_AWS_227": CheckPolicy("high", ("164.312(a)(2)(iv)",), True),
    "CKV2_AWS_64": CheckPolicy("medium", ("164.312(a)(1)", "164.312(a)(2)(iv)"), False),
    "CKV_AWS_8": CheckPolicy("critical", ("164.312(a)(2)(iv)",), True),
    "CKV2_AWS_2": CheckPolicy("high", ("164.312(a)(2)(iv)",), True),
    # Transmission security (164.312(e)(1), (e)(2)(ii)).
    "CKV_AWS_2": CheckPolicy("high", ("164.312(e)(1)", "164.312(e)(2)(ii)"), True),
    "CKV_AWS_103": CheckPolicy("high", ("164.312(e)(1)", "164.312(e)(2)(ii)"), True),
    "CKV2_AWS_20": CheckPolicy("medium", ("164.312(e)(1)",), False),
    "CKV_AWS_211": CheckPolicy("medium", ("164.312(e)(2)(ii)",), False),
    # Access control and network exposure (164.312(a)(1), (e)(1)).
    "CKV_AWS_260": CheckPolicy("critical", ("164.312(a)(1)", "164.312(e)(1)"), True),
    "CKV_AWS_79": CheckPolicy("high", ("164.312(a)(1)",), True),
    "CKV_AWS_60": CheckPolicy("high", ("164.312(a)(1)", "164.308(a)(4)(ii)(B)"), True),
    "CKV_AWS_61": CheckPolicy("high", ("164.312(a)(1)", "164.308(a)(4)(ii)(B)"), True),
    "CKV_AWS_62": CheckPolicy("critical", ("164.312(a)(1)", "164.308(a)(4)(ii)(B)"), True),
    "CKV_AWS_63": CheckPolicy("high", ("164.312(a)(1)", "164.308(a)(4)(ii)(B)"), True),
    "CKV_AWS_40": CheckPolicy("medium", ("164.308(a)(4)(ii)(C)",), False),
    "CKV2_AWS_40": CheckPolicy("high", ("164.312(a)(1)", "164.308(a)(4)(ii)(B)"), True),
    "CKV2_AWS_56": CheckPolicy("high", ("164.312(a)(1)", "164.308(a)(4)(ii)(B)"), True),
    "CKV2_AWS_28": CheckPolicy("medium", ("164.312(e)(1)", "164.308(a)(5)(ii)(B)"), False),
    "CKV2_AWS_1": CheckPolicy("low", ("164.312(e)(1)",), False),
    # Password management (164.308(a)(5)(ii)(D)).
    **{
        f"CKV_AWS_{n}": CheckPolicy("medium", ("164.308(a)(5)(ii)(D)",), False)
        for n in (9, 10, 11, 12, 13, 14, 15)
    },
    "CKV2_AWS_57": CheckPolicy("medium", ("164.308(a)(5)(ii)(D)",), False),
    # Availability and backups (164.308(a)(7)).
    "CKV_AWS_150": CheckPolicy("low", ("164.308(a)(7)(ii)(C)",), False),
    "CKV_AWS_353": CheckPolicy("low", ("164.308(a)(1)(ii)(D)",), False),
}

_BOUNDARY = (
    "A permissions boundary grants nothing: it caps what the sealed test environment's roles may do, and its "
    "Allow */* with Deny statements means 'anything but production'; the roles' own policies grant access"
)

# Every check the baseline does not meet on purpose. Keep the reason specific: what the baseline does instead.
SKIPS: dict[str, Skip] = {
    "CKV_AWS_71": Skip(
        "pulumi-aws v7 has no logging block on a Redshift cluster: audit logging is declared by "
        "aws.redshift.Logging (aws_redshift_logging), which this check does not read, so it fails every cluster; "
        "checked by the pack (redshift-cluster-audit-logging-enabled joins each cluster to its logging resource)",
        ("aws_redshift_cluster",),
    ),
    "CKV_AWS_144": Skip(
        "Cross-region replication of S3 buckets is a disaster-recovery choice per deployment: the "
        "baseline recovers through AWS Backup (copied to backupCopyRegion when set), and replicating PHI "
        "to a second region needs its own data-residency and BAA review",
        ("aws_s3_bucket",),
    ),
    "CKV2_AWS_62": Skip(
        "S3 event notifications are an integration feature, not an access or audit control the Security "
        "Rule asks for; access to the buckets is audited through CloudTrail (164.312(b))",
        ("aws_s3_bucket",),
    ),
    "CKV2_AWS_3": Skip(
        "The detector is enabled in the stack's region (enable=true, checked by the pack); the check "
        "also wants an aws_guardduty_organization_configuration, which only an AWS Organizations "
        "delegated administrator account can declare, and the baseline deploys into a single member "
        "account",
        ("aws_guardduty_detector",),
    ),
    "CKV_AWS_145": Skip(
        "Log delivery into these buckets supports only SSE-S3: Elastic Load Balancing access logs and S3 "
        "server access logs cannot be written to a bucket whose default encryption is SSE-KMS, so they "
        "are encrypted with AES256; they hold request metadata, not PHI",
        ("aws_s3_bucket",),
        ("*-alb-logs", "*-audit-access-logs"),
    ),
    "CKV_AWS_260": Skip(
        "The load balancer's security group opens port 80 to the internet only so the HTTP listener can "
        "redirect to HTTPS (CKV2_AWS_20 checks the redirect; the pack's ingress rule allows exactly 443 "
        "and 80 on the load balancer's group)",
        ("aws_security_group",),
        ("*-alb-sg",),
    ),
    **{
        check_id: Skip(_BOUNDARY, ("aws_iam_policy",), ("*-test-boundary",))
        for check_id in ("CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_289", "CKV_AWS_290", "CKV2_AWS_40")
    },
    "CKV_AWS_300": Skip(
        "The baseline's lifecycle rules do abort incomplete multipart uploads after 7 days and apply to every "
        "object (filter {}); checkov's plan parser adds line markers to an empty filter block, so the check "
        "fails any rule that has a filter at all. tests/infra assert the abort setting on each rule",
        ("aws_s3_bucket_lifecycle_configuration",),
        ("*-audit-lifecycle", "*-audit-access-logs-lifecycle", "*-alb-logs-lifecycle", "*-config-history-lifecycle"),
    ),
    "CKV2_AWS_48": Skip(
        "Global resource types (IAM) are recorded by the home region's recorder only, as AWS advises to avoid "
        "duplicate configuration items (https://docs.aws.amazon.com/config/latest/developerguide/"
        "select-resources.html); the recorders of the other regions record every regional type, and the home "
        "recorder passes this check",
        ("aws_config_configuration_recorder",),
        ("*-config-recorder-??-*-[0-9]",),
    ),
    "CKV_AWS_252": Skip(
        "An SNS notification per delivered log file is not an alert; security events reach people "
        "through the Monitoring component's CloudTrail metric filters and alarms on the encrypted alarm "
        "topic",
        ("aws_cloudtrail",),
    ),
}


# Checks a rule of the pack lists, but whose fixed threshold the pack sets per environment: their findings are
# advisory, and the rule (which knows the stack's environment) is what blocks.
ENVIRONMENT_TUNED: dict[str, str] = {
    "CKV_AWS_157": "rds-instance-multi-az-enabled requires a Multi-AZ standby where the environment needs one "
                   "(prod, and any stack with multiAz set); checkov demands it of staging and test too",
    "CKV_AWS_338": "logs-log-group-retention-minimum applies each environment's retention floor (prod keeps "
                   "a year or more); checkov's fixed one-year floor ignores the environment",
}


def _pack_rules() -> dict[str, list]:
    from pms_baseline_pack.rules import catalogue

    found: dict[str, list] = {}
    for rule in catalogue():
        for check_id in rule.checkov_ids:
            found.setdefault(check_id, []).append(rule)
    return found


@cache
def policies() -> dict[str, CheckPolicy]:
    """Every curated checkov id with what it means for us: the pack's rules' ids first, then ``CHECKS``."""
    from pms_baseline_pack.rules import SEVERITIES

    out: dict[str, CheckPolicy] = {}
    for check_id, rules in sorted(_pack_rules().items()):
        citations = tuple(dict.fromkeys(c for r in rules for c in r.citations))
        config_rules = tuple(dict.fromkeys(c for r in rules for c in r.aws_config_rules))
        severity = max((r.severity for r in rules), key=SEVERITIES.index)
        out[check_id] = CheckPolicy(severity, citations, check_id not in ENVIRONMENT_TUNED, config_rules)
    for check_id, policy in CHECKS.items():
        out.setdefault(check_id, policy)
    return out


def policy_for(check_id: str) -> CheckPolicy:
    """A check's policy; an uncurated check is advisory, low severity, with no citation."""
    return policies().get(check_id) or CheckPolicy(DEFAULT_SEVERITY, (), False)


def mandatory_ids() -> frozenset[str]:
    """The curated checks whose failure blocks the gate."""
    return frozenset(k for k, p in policies().items() if p.mandatory)


def skip_reason(check_id: str, tf_type: str, name: str = "") -> str | None:
    """Why ``check_id`` is skipped on the resource ``name`` of Terraform type ``tf_type``, or None."""
    skip = SKIPS.get(check_id)
    if not skip or (skip.resource_types and tf_type not in skip.resource_types):
        return None
    patterns = [*skip.resource_names, *(p.replace("-", "_") for p in skip.resource_names)]  # or plan names
    if skip.resource_names and not any(fnmatch.fnmatchcase(name, p) for p in patterns):
        return None
    return skip.reason
