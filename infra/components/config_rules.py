"""The AWS Config managed rules the baseline deploys: which, under what name, with which parameters, and which
rows of the HIPAA list it does not deploy and why.

A deployed rule states the design: where the baseline deliberately does something a rule's defaults would flag
(the load balancer's 443/80 to the internet, the public tier's route to the internet gateway), the rule is
deployed with the parameters that say so; where no parameter can say so, the rule is not deployed and
CONFIG_RULES_SKIPPED gives the reason (the README's coverage section repeats it). tests/infra/test_deployed_config_rules
judges every deployed rule against the bundled stacks through the pack rules mapped to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi

from pms_baseline_pack.reference import aws_config_rules

# The one place a Config rule name maps to its managed-rule SourceIdentifier. Names not listed here map to
# their upper snake case (``rds-storage-encrypted`` -> ``RDS_STORAGE_ENCRYPTED``).
CONFIG_SOURCE_IDENTIFIER_EXCEPTIONS: dict[str, str] = {
    "cloudtrail-enabled": "CLOUD_TRAIL_ENABLED",
    "multi-region-cloudtrail-enabled": "MULTI_REGION_CLOUD_TRAIL_ENABLED",
    "restricted-ssh": "INCOMING_SSH_DISABLED",
    "restricted-common-ports": "RESTRICTED_INCOMING_TRAFFIC",
}

# Parameters every stack deploys a rule with (values as AWS Config takes them: strings). Each rule's page,
# https://docs.aws.amazon.com/config/latest/developerguide/<rule>.html, names its parameters and defaults.
CONFIG_RULE_PARAMETERS: dict[str, dict[str, str]] = {
    # Required parameters, with the values of AWS's HIPAA conformance pack.
    "iam-customer-policy-blocked-kms-actions": {
        "blockedActionsPatterns": "kms:Decrypt,kms:ReEncryptFrom",
        # The test stack's permissions boundary allows "*" so that its Deny statements do the work; a boundary
        # grants nothing, so the IAM policy rules judge the policies that do.
        "excludePermissionBoundaryPolicy": "true",
    },
    "iam-inline-policy-blocked-kms-actions": {"blockedActionsPatterns": "kms:Decrypt,kms:ReEncryptFrom"},
    "iam-user-unused-credentials-check": {"maxCredentialUsageAge": "90"},
    "access-keys-rotated": {"maxAccessKeyAge": "90"},
    "iam-policy-no-statements-with-admin-access": {"excludePermissionBoundaryPolicy": "true"},
    "iam-policy-no-statements-with-full-access": {"excludePermissionBoundaryPolicy": "true"},
    # Only the load balancer is open to the internet, on 443 and on 80, which only redirects to 443.
    "vpc-sg-open-only-to-authorized-ports": {"authorizedTcpPorts": "443,80"},
    # The audit trail's bucket keeps its logs in COMPLIANCE mode (with CONFIG_RULE_SCOPES: that bucket).
    "s3-bucket-default-lock-enabled": {"mode": "COMPLIANCE"},
}

# Rules deployed for some resources only, by tag (a rule's Scope): AWS Config evaluates only resources with the
# tag. https://docs.aws.amazon.com/config/latest/APIReference/API_Scope.html
CONFIG_RULE_SCOPES: dict[str, dict[str, str]] = {
    # Only the audit trail's bucket is Object-Locked by design: the access-log buckets receive logs from S3 and
    # the load balancer, and AWS Config does not deliver to a locked bucket, so the Config bucket cannot be one.
    "s3-bucket-default-lock-enabled": {"tag_key": "pms-role", "tag_value": "audit-logs"},
}

# Rows of the HIPAA list the baseline does not deploy, each with the reason: the rule would flag the baseline by
# design and no parameter or scope can state that design.
CONFIG_RULES_SKIPPED: dict[str, str] = {
    "s3-bucket-replication-enabled": "the baseline does not replicate buckets: off-region copies of the PHI "
    "database are AWS Backup copy rules, and the audit bucket is protected in place by Object Lock and "
    "versioning; the rule would flag every bucket",
    "s3-event-notifications-enabled": "object activity is recorded by CloudTrail S3 data events and alarmed on "
    "through the trail's metric filters, not S3 event notifications; the rule would flag every bucket",
    "securityhub-enabled": "the baseline does not enable Security Hub (a per-account cost usually enabled "
    "centrally by the organisation); GuardDuty findings reach the alarm topic and AWS Config evaluates these "
    "rules without it",
    "s3-bucket-logging-enabled": "the bucket that receives server access logs should not log its own access "
    "(AWS: enable-server-access-logging.html), and the rule has no parameter to exempt it, so it would flag that "
    "bucket forever; the pack's s3-bucket-logging-enabled gates every other bucket before deploy",
    "s3-default-encryption-kms": "log-delivery buckets must use SSE-S3 (ALB access logs support only SSE-S3: "
    "enable-access-logging.html), and the rule cannot exempt them; s3-bucket-server-side-encryption-enabled is "
    "deployed, and the pack's s3-bucket-kms-encrypted requires SSE-KMS on every other bucket before deploy",
}

# Rules deployed only when the stack's design calls for what they check.
CONFIG_RULES_CONDITIONAL: dict[str, str] = {
    "rds-multi-az-support": "deployed where the PHI database runs Multi-AZ (always in prod; multiAz=true "
    "elsewhere): staging and test run single-AZ to save cost, and the rule would flag them by design",
}


@dataclass
class ConfigRuleDesign:
    """What one stack's deployed rules say about its design."""

    backup_retention_days: int = 35
    """Retention of the daily backup rule: backup-plan-min-frequency-and-min-retention-check requires it (the
    rule's default, 35 days, is prod's; staging and test keep fewer by design)."""
    multi_az: bool = True
    """The PHI database runs Multi-AZ; deploys rds-multi-az-support."""
    internet_vpc_ids: Sequence[pulumi.Input[str]] = ()
    """VPCs that may have an internet gateway attached (the stack's own, when it has an internet-facing tier);
    empty means none may (internet-gateway-authorized-vpc-only then flags any attached gateway)."""
    internet_route_table_ids: Sequence[pulumi.Input[str]] = ()
    """Route tables that may route 0.0.0.0/0 or ::/0 to an internet gateway (the public tier's); empty means
    none may (no-unrestricted-route-to-igw then flags any such route)."""
    extra: dict[str, dict[str, str]] = field(default_factory=dict)
    """More parameters per rule, merged over the baseline's."""


def source_identifier(rule_name: str) -> str:
    """The AWS managed rule SourceIdentifier of Config rule ``rule_name``."""
    return CONFIG_SOURCE_IDENTIFIER_EXCEPTIONS.get(rule_name, rule_name.replace("-", "_").upper())


def baseline_config_rules(design: ConfigRuleDesign | None = None) -> list[str]:
    """Names of the managed Config rules the baseline deploys: the reference's baseline-scope rows, less the
    skipped ones and the conditional ones the design does not call for."""
    design = design or ConfigRuleDesign()
    wanted = {"rds-multi-az-support": design.multi_az}
    return sorted(
        name
        for name, scope in aws_config_rules().items()
        if scope == "baseline" and name not in CONFIG_RULES_SKIPPED and wanted.get(name, True)
    )


def _csv(values: Sequence[pulumi.Input[str]]) -> pulumi.Output[str]:
    return pulumi.Output.all(*values).apply(lambda ids: ",".join(str(i) for i in ids))


def rule_parameters(rule_name: str, design: ConfigRuleDesign) -> pulumi.Input[dict[str, Any]] | None:
    """The input parameters ``rule_name`` is deployed with in a stack of ``design``; None for the defaults."""
    params: dict[str, Any] = dict(CONFIG_RULE_PARAMETERS.get(rule_name, {}))
    if rule_name == "backup-plan-min-frequency-and-min-retention-check":
        # Daily backups kept the stack's retention: the rule's default of 35 days is prod's floor, not staging's.
        params.update(requiredFrequencyValue="1", requiredFrequencyUnit="days",
                      requiredRetentionDays=str(design.backup_retention_days))
    elif rule_name == "internet-gateway-authorized-vpc-only" and design.internet_vpc_ids:
        params["AuthorizedVpcIds"] = _csv(design.internet_vpc_ids)
    elif rule_name == "no-unrestricted-route-to-igw" and design.internet_route_table_ids:
        params["routeTableIds"] = _csv(design.internet_route_table_ids)
    params.update(design.extra.get(rule_name, {}))
    return params or None
