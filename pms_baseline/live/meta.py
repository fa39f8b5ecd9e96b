"""Rule metadata for live checks: the catalogue's rules, plus one table of the checks only an account answers.

A live check names a rule id. Where a pre-deploy rule exists, the finding carries that rule's metadata (title,
severity, citations, AWS Config rule names, checkov ids, remediation), so a setting judged before deploy and
after drift reports the same requirement. ``LIVE_ONLY`` declares the few rules that have no pre-deploy form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True)
class LiveRule:
    """The metadata a live finding carries, whichever table it comes from."""

    id: str
    title: str
    severity: str
    citations: tuple[str, ...]
    remediation: str
    aws_config_rules: tuple[str, ...] = ()
    checkov_ids: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    live_only: bool = False


BAA_AGREEMENT_RULE = "baa-agreement-active"
"""The AWS BAA accepted in AWS Artifact (``live/artifact.py``); the evidence bundle reads its verdict by this id."""
BAA_MISSING = "AWS Artifact lists no Business Associate Addendum"
BAA_INACTIVE = "AWS Artifact lists no ACTIVE Business Associate Addendum"
"""How the check's two verdicts begin, so the evidence bundle tells a missing BAA from an inactive one."""

CONFIG_DOCS = "https://docs.aws.amazon.com/config/latest/developerguide/"
# What only an account can answer, as AWS Config's HIPAA rules ask it (the rule's page: CONFIG_DOCS + name +
# ".html"): credentials people set after deploy (live/credential_report.py), certificates issued outside the
# program (live/acm.py), Security Hub, which the organisation enables (live/securityhub.py), and
# what is attached to the roles services assume (live/iam_roles.py).
ACCOUNT_RULES: tuple[LiveRule, ...] = (
    LiveRule(
        "root-account-mfa-enabled",
        "The root user signs in with MFA",
        "critical",
        ("164.312(d)", "164.312(a)(1)"),
        "Sign in as the root user and assign it an MFA device (Security credentials: Assign MFA device), a hardware "
        "one; AWS offers no API for the root user's MFA.",
        aws_config_rules=("root-account-mfa-enabled",),
        live_only=True,
    ),
    LiveRule(
        "root-account-hardware-mfa-enabled",
        "The root user's MFA is a hardware device, not a virtual one",
        "high",
        ("164.312(d)",),
        "Sign in as the root user, assign a hardware MFA device (a FIDO security key or a hardware TOTP token), then "
        "remove the virtual MFA device.",
        aws_config_rules=("root-account-hardware-mfa-enabled",),
        live_only=True,
    ),
    LiveRule(
        "iam-access-keys-rotated",
        "Active IAM access keys are rotated within maxAccessKeyAge days",
        "medium",
        ("164.308(a)(5)(ii)(D)", "164.312(d)"),
        "Create a new access key, move its users to it, deactivate and delete the old one; better, replace the "
        "user's keys with a role.",
        aws_config_rules=("access-keys-rotated",),
        defaults={"maxAccessKeyAge": 90},  # AWS Config's default (access-keys-rotated.html)
        live_only=True,
    ),
    LiveRule(
        "iam-user-credentials-recently-used",
        "No IAM user keeps a password or active access key unused for more than maxCredentialUsageAge days",
        "medium",
        ("164.308(a)(3)(ii)(C)", "164.308(a)(4)(ii)(C)"),
        "Remove the unused console password (delete the login profile) and deactivate or delete the unused access "
        "key; delete the user if nobody needs it.",
        aws_config_rules=("iam-user-unused-credentials-check",),
        defaults={"maxCredentialUsageAge": 90},  # AWS Config's default (iam-user-unused-credentials-check.html)
        live_only=True,
    ),
    LiveRule(
        "iam-console-user-mfa-enabled",
        "Every IAM user with a console password has MFA",
        "high",
        ("164.312(d)", "164.308(a)(5)(ii)(D)"),
        "Assign the user an MFA device (aws iam enable-mfa-device), or remove the console password; better, sign "
        "people in through IAM Identity Center.",
        aws_config_rules=("mfa-enabled-for-iam-console-access", "iam-user-mfa-enabled"),
        live_only=True,
    ),
    LiveRule(
        "iam-user-mfa-enabled",
        "Every IAM user has MFA",
        "medium",
        ("164.312(d)",),
        "Assign the user an MFA device, or delete the user and use a role for what it runs.",
        aws_config_rules=("iam-user-mfa-enabled",),
        live_only=True,
    ),
    LiveRule(
        "acm-certificate-not-expiring",
        "No ACM certificate expires within daysToExpiration days",
        "high",
        ("164.312(e)(1)", "164.312(e)(2)(ii)"),
        "Renew the certificate: re-import a renewed one (imported certificates are never renewed by ACM), or fix "
        "the DNS validation record that keeps ACM from renewing an issued one.",
        aws_config_rules=("acm-certificate-expiration-check",),
        # AWS Config's own default is 14 days (acm-certificate-expiration-check.html); AWS's conformance pack
        # templates deploy it with AcmCertificateExpirationCheckParamDaysToExpiration 90, which this follows.
        defaults={"daysToExpiration": 90},
        live_only=True,
    ),
    LiveRule(
        "securityhub-enabled",
        "AWS Security Hub is enabled in every verified region",
        "medium",
        ("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"),
        "Enable Security Hub (aws securityhub enable-security-hub), or have the organisation's delegated "
        "administrator enable it for the account in every region it uses.",
        aws_config_rules=("securityhub-enabled",),
        live_only=True,
    ),
    LiveRule(
        "iam-service-role-no-admin-access",
        "No role a service assumes holds full administrator access",
        "critical",
        ("164.308(a)(4)(ii)(B)", "164.312(a)(1)"),
        "Detach AdministratorAccess (or the policy allowing Action \"*\" on Resource \"*\") from the role and "
        "grant the actions and resources the service needs; the components' roles are scoped this way.",
        aws_config_rules=("iam-policy-no-statements-with-admin-access",),
        live_only=True,
    ),
)

# Checks with no pre-deploy rule: account state a program does not declare (root keys, a key scheduled for
# deletion), the verifier's own coverage (denied calls), and drift against a state document.
LIVE_ONLY: tuple[LiveRule, ...] = (
    LiveRule(
        "live-api-access-denied",
        "Verify could read every setting it checks",
        "high",
        ("164.308(a)(8)", "164.308(a)(1)(ii)(D)"),
        "Grant the verifying role every action in pms_baseline/live/verify-readonly-policy.json; a check "
        "that cannot read its setting proves nothing.",
        live_only=True,
    ),
    LiveRule(
        "live-api-error",
        "Verify got an answer from every API it calls",
        "high",
        ("164.308(a)(8)",),
        "Re-run verify. If the API kept throttling, lower --max-workers or raise --max-attempts; if it timed out or "
        "answered something that is not AWS (an HTML page), check the network path to AWS (a proxy), or raise "
        "--call-timeout.",
        live_only=True,
    ),
    LiveRule(
        "live-resource-missing",
        "Every resource the state records exists in the account",
        "high",
        ("164.308(a)(8)", "164.312(c)(1)"),
        "Find out who deleted the resource (CloudTrail), then restore it with `pulumi up`.",
        live_only=True,
    ),
    LiveRule(
        "live-setting-drift",
        "Settings in the account match the approved state",
        "high",
        ("164.308(a)(8)", "164.312(c)(1)"),
        "Find out who changed the setting (CloudTrail), then reconcile with `pulumi refresh` and "
        "`pulumi up`.",
        live_only=True,
    ),
    LiveRule(
        "kms-key-not-pending-deletion",
        "No customer-managed KMS key is scheduled for deletion",
        "critical",
        ("164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"),
        "Cancel the deletion (aws kms cancel-key-deletion, then enable-key); data encrypted under a deleted "
        "key is lost for good.",
        aws_config_rules=("kms-cmk-not-scheduled-for-deletion",),
        live_only=True,
    ),
    LiveRule(
        "iam-root-access-key-absent",
        "The root user has no access keys",
        "critical",
        ("164.312(a)(1)", "164.312(a)(2)(i)", "164.308(a)(4)(ii)(B)"),
        "Delete the root user's access keys (Security credentials page of the root user); use roles.",
        aws_config_rules=("iam-root-access-key-check",),
        live_only=True,
    ),
    LiveRule(
        "s3-bucket-policy-not-public",
        "No bucket policy grants access to everyone",
        "critical",
        ("164.312(a)(1)",),
        "Remove the Allow statement with Principal '*' (or add a condition that names your accounts).",
        aws_config_rules=("s3-bucket-public-read-prohibited", "s3-bucket-public-write-prohibited"),
        live_only=True,
    ),
    LiveRule(
        "ec2-no-test-prod-vpc-peering",
        "No peering connects a test VPC with a production VPC",
        "critical",
        ("164.308(a)(4)(ii)(A)", "164.312(a)(1)", "164.312(e)(1)"),
        "Delete the peering connection; test environments reach production through nothing.",
        live_only=True,
    ),
    LiveRule(
        "backup-plan-present",
        "At least one AWS Backup plan exists in each region with a database",
        "high",
        ("164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"),
        "Deploy the BackupVault component (a daily and a monthly rule into the locked vault).",
        aws_config_rules=("backup-plan-min-frequency-and-min-retention-check", "rds-in-backup-plan"),
        live_only=True,
    ),
    LiveRule(
        BAA_AGREEMENT_RULE,
        "The account, or its organisation, has an active AWS Business Associate Addendum",
        "critical",
        ("164.308(b)(1)", "164.314(a)"),
        "Accept the AWS Business Associate Addendum in AWS Artifact (Agreements: Account agreements, or "
        "Organization agreements from the management account) before any PHI enters the account; download the "
        "accepted agreement and attach it to the evidence bundle (pms-baseline evidence --baa-agreement FILE).",
        live_only=True,
    ),
    # Services a PMS team adds next to the baseline (issue 18.3): what only the account knows.
    LiveRule(
        "ebs-snapshot-not-public",
        "No EBS snapshot the account owns is restorable by every AWS account",
        "critical",
        ("164.312(a)(1)",),
        "Remove the group all from the snapshot's createVolumePermission (aws ec2 modify-snapshot-attribute "
        "--operation-type remove --group-names all); share a snapshot with named accounts only.",
        aws_config_rules=("ebs-snapshot-public-restorable-check",),
        live_only=True,
    ),
    LiveRule(
        "ec2-instance-not-stopped-long",
        "No EC2 instance has been stopped longer than allowedDays",
        "low",
        ("164.308(a)(1)(ii)(B)",),
        "Start and patch the instance, or terminate it (snapshot its volumes first if they hold data).",
        aws_config_rules=("ec2-stopped-instance",),
        defaults={"allowedDays": 30},  # AWS Config's default (ec2-stopped-instance.html)
        live_only=True,
    ),
    LiveRule(
        "dynamodb-throughput-below-account-limit",
        "Provisioned DynamoDB throughput stays below its share of the account's limit",
        "medium",
        ("164.308(a)(7)(ii)(C)",),
        "Request a higher read or write capacity limit in Service Quotas, or move tables to on-demand capacity.",
        aws_config_rules=("dynamodb-throughput-limit-check",),
        # AWS Config's defaults (dynamodb-throughput-limit-check.html)
        defaults={"accountRCUThresholdPercentage": 80, "accountWCUThresholdPercentage": 80},
        live_only=True,
    ),
    # Systems Manager and Site-to-Site VPN (pms_baseline/live/ssm_managed.py, vpn.py): states only AWS holds.
    LiveRule(
        "ec2-instance-managed-by-systems-manager",
        "Every running EC2 instance is managed by Systems Manager",
        "medium",
        ("164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(B)"),
        "Give the instance an instance profile with AmazonSSMManagedInstanceCore, run SSM Agent (in the AMI), and "
        "route it to the ssm, ssmmessages and ec2messages endpoints.",
        aws_config_rules=("ec2-instance-managed-by-systems-manager",),
        live_only=True,
    ),
    LiveRule(
        "ec2-managedinstance-association-compliance-status-check",
        "Managed instances comply with their State Manager associations",
        "medium",
        ("164.308(a)(1)(ii)(B)",),
        "Open the instance's association history in State Manager, fix what failed, and re-apply the association.",
        aws_config_rules=("ec2-managedinstance-association-compliance-status-check",),
        live_only=True,
    ),
    LiveRule(
        "ec2-managedinstance-patch-compliance-status-check",
        "Managed instances have every patch their baseline requires",
        "high",
        ("164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(B)"),
        "Run AWS-RunPatchBaseline with Operation Install (a Patch Manager patch policy or maintenance window), then "
        "scan again.",
        aws_config_rules=("ec2-managedinstance-patch-compliance-status-check",),
        live_only=True,
    ),
    LiveRule(
        "vpc-vpn-2-tunnels-up",
        "Both tunnels of every Site-to-Site VPN connection are up",
        "medium",
        ("164.308(a)(7)(ii)(C)", "164.308(a)(7)(ii)(B)"),
        "Configure and bring up the second tunnel on the customer gateway device (the connection's configuration "
        "file lists both), so the link survives a tunnel's maintenance.",
        aws_config_rules=("vpc-vpn-2-tunnels-up",),
        live_only=True,
    ),
    *ACCOUNT_RULES,
)


@cache
def rules() -> dict[str, LiveRule]:
    """Every rule id a live finding may carry: the catalogue's, then the live-only table's."""
    from pms_baseline_pack.rules import catalogue

    out = {
        r.id: LiveRule(
            r.id,
            r.title,
            r.severity,
            tuple(r.citations),
            r.remediation,
            tuple(r.aws_config_rules),
            tuple(r.checkov_ids),
            r.defaults(),
        )
        for r in catalogue()
    }
    for r in LIVE_ONLY:
        if r.id in out:
            raise ValueError(f"live-only rule {r.id} is also a catalogue rule; declare it once")
        out[r.id] = r
    return out


def rule(rule_id: str) -> LiveRule:
    try:
        return rules()[rule_id]
    except KeyError:
        raise KeyError(f"live check names unknown rule {rule_id!r}") from None


def catalogue_check(rule_id: str):
    """The pre-deploy rule's own check, for live checks that judge a description mapped to engine names."""
    from pms_baseline_pack.rules import by_id

    return by_id()[rule_id]
