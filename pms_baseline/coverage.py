"""Coverage of the AWS Config HIPAA conformance pack's ``baseline`` rows by the policy pack.

Computed from the catalogue's ``aws_config_rules`` metadata (never a hand-written rule-to-Config list), so the
figure moves when a rule is added or removed. A ``baseline`` row is:

- ``pre-deploy``: at least one rule of the pack declares it;
- ``live-only``: it can only be judged on a running account (``LIVE_ONLY`` says why);
- ``not covered``: we chose not to check it (``NOT_COVERED`` says why), or nothing declares it yet.

The figure is (pre-deploy + live-only) / baseline rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pms_baseline_pack.reference import aws_config_rules

PRE_DEPLOY = "pre-deploy"
LIVE = "live-only"
NOT_COVERED_STATUS = "not covered"

LIVE_ONLY: dict[str, str] = {
    "access-keys-rotated": "an access key's age exists only at run time; the baseline declares no IAM users "
    "or keys",
    "acm-certificate-expiration-check": "the certificate is issued outside the program (its ARN comes from "
    "config); its expiry date is known only to ACM at run time",
    "iam-root-access-key-check": "root user credentials are not infrastructure resources; only the account's "
    "credential report shows them",
    "iam-user-mfa-enabled": "MFA devices are registered by people after deployment, not declared in the "
    "program",
    "iam-user-unused-credentials-check": "last-used dates exist only in the running account's credential "
    "report",
    "mfa-enabled-for-iam-console-access": "console passwords and MFA devices are set by people at run time",
    "root-account-hardware-mfa-enabled": "the root user's MFA device is configured by hand, outside any "
    "program",
    "root-account-mfa-enabled": "the root user's MFA device is configured by hand, outside any program",
    "kms-cmk-not-scheduled-for-deletion": "scheduling a key for deletion is a run-time API call, not a "
    "declared property (the pre-deploy kms rules check the deletion window instead)",
}

NOT_COVERED: dict[str, str] = {
    "iam-no-inline-policy-check": "the components' service roles (CloudTrail to CloudWatch Logs, flow logs) "
    "keep one small inline policy next to the role on purpose; the iam-policy-* rules judge its content "
    "instead",
    "securityhub-enabled": "the baseline does not enable Security Hub (a per-account cost usually enabled "
    "centrally by the organisation); GuardDuty, AWS Config and this pack cover its checks for these "
    "resources",
    "s3-bucket-replication-enabled": "the baseline keeps off-region copies with AWS Backup copy rules, and "
    "protects the audit bucket in place with Object Lock and versioning, rather than S3 replication",
    "s3-event-notifications-enabled": "object activity is audited through CloudTrail S3 data events and the "
    "monitoring alarms, not S3 event notifications",
    "internet-gateway-authorized-vpc-only": "the list of authorised VPCs is an account-level decision with "
    "no property to read before deploy; in test stacks isolation-test-network-sealed forbids any internet "
    "gateway",
    "no-unrestricted-route-to-igw": "no pre-deploy rule declares it yet (ec2-data-subnet-no-internet-route "
    "checks the data tier only; the public tier routes 0.0.0.0/0 to the gateway by design)",
}


@dataclass(frozen=True)
class CoverageRow:
    """One ``baseline`` row of the AWS Config HIPAA list and how the pack covers it."""

    config_rule: str
    status: str
    rules: tuple[str, ...]
    """Ids of the pack's rules that declare this Config rule (pre-deploy rows)."""
    reason: str
    """Why a live-only or not-covered row is so."""


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def figure(self) -> float:
        """(pre-deploy + live-only) / baseline rows."""
        if not self.rows:
            return 0.0
        return (self.count(PRE_DEPLOY) + self.count(LIVE)) / len(self.rows)


def coverage(rules: Any = None) -> Coverage:
    """Classify every ``baseline`` row from the rules' ``aws_config_rules`` (the whole catalogue by default).

    A row a rule declares is pre-deploy even if LIVE_ONLY or NOT_COVERED also names it (the catalogue test
    reports such stale entries).
    """
    if rules is None:
        from pms_baseline_pack.rules import catalogue

        rules = catalogue()
    declared: dict[str, list[str]] = {}
    for rule in rules:
        for name in rule.aws_config_rules:
            declared.setdefault(name, []).append(rule.id)
    rows = []
    for name, scope in aws_config_rules().items():
        if scope != "baseline":
            continue
        if name in declared:
            rows.append(CoverageRow(name, PRE_DEPLOY, tuple(sorted(declared[name])), ""))
        elif name in LIVE_ONLY:
            rows.append(CoverageRow(name, LIVE, (), LIVE_ONLY[name]))
        else:
            reason = NOT_COVERED.get(name, "no rule declares it and no reason is recorded")
            rows.append(CoverageRow(name, NOT_COVERED_STATUS, (), reason))
    return Coverage(tuple(rows))


def format_coverage(result: Coverage | None = None) -> str:
    """A plain-text table of every baseline row, then the figure."""
    result = result or coverage()
    width = max((len(r.config_rule) for r in result.rows), default=10)
    lines = [f"{'AWS Config rule':<{width}}  {'status':<11}  rules / reason", "-" * (width + 40)]
    order = {PRE_DEPLOY: 0, LIVE: 1, NOT_COVERED_STATUS: 2}
    for row in sorted(result.rows, key=lambda r: (order[r.status], r.config_rule)):
        detail = ", ".join(row.rules) if row.rules else row.reason
        lines.append(f"{row.config_rule:<{width}}  {row.status:<11}  {detail}")
    total = len(result.rows)
    lines.append("")
    lines.append(
        f"pre-deploy {result.count(PRE_DEPLOY)}, live-only {result.count(LIVE)}, not covered "
        f"{result.count(NOT_COVERED_STATUS)} of {total} baseline rows: coverage {result.figure:.1%} "
        "((pre-deploy + live-only) / baseline)"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_coverage())
