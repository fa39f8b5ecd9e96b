"""Coverage of the AWS Config HIPAA conformance pack's ``baseline`` rows by the policy pack.

Computed from the catalogue's ``aws_config_rules`` metadata (never a hand-written rule-to-Config list), so the
figure moves when a rule is added or removed. A ``baseline`` row is:

- ``pre-deploy``: at least one rule of the pack declares it;
- ``live-only``: it can only be judged on a running account (``LIVE_ONLY`` says why);
- ``not covered``: we chose not to check it (``NOT_COVERED`` says why), or nothing declares it yet.

The figure is (pre-deploy + live-only) / baseline rows.

The same rows are deployed as AWS Config managed rules (infra/components/config_rules.py). ``LOCAL_EVALUATION``
says how the pack judges each deployed rule as AWS Config would (its parameters turned into the pack rules'
config, the pack's own exemptions switched off where the Config rule has none), and ``LIVE_ONLY`` names the kinds
a live-only rule judges, which no stack declares: tests/infra/test_deployed_config_rules.py holds every bundled
stack to both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pms_baseline_pack import tokens as t
from pms_baseline_pack.reference import aws_config_rules

PRE_DEPLOY = "pre-deploy"
LIVE = "live-only"
NOT_COVERED_STATUS = "not covered"

@dataclass(frozen=True)
class LiveOnly:
    """A baseline row whose AWS Config rule judges only things no stack state holds."""

    reason: str
    judges: tuple[str, ...] = ()
    """The resource kinds the Config rule judges; the baseline declares none of them (a test checks every bundled
    stack), so a pre-deploy rule would have nothing to judge. Empty when it judges no resource at all (the root
    user)."""


LIVE_ONLY: dict[str, LiveOnly] = {
    "access-keys-rotated": LiveOnly(
        "an access key's age exists only at run time; the baseline declares no IAM users or keys",
        (t.IAM_ACCESS_KEY,),
    ),
    "acm-certificate-expiration-check": LiveOnly(
        "the certificate is issued outside the program (its ARN comes from config); its expiry date is known "
        "only to ACM at run time",
        (t.ACM_CERTIFICATE,),
    ),
    "iam-root-access-key-check": LiveOnly(
        "root user credentials are not infrastructure resources; only the account's credential report shows them"
    ),
    "iam-user-mfa-enabled": LiveOnly(
        "MFA devices are registered by people after deployment, not declared in the program",
        (t.IAM_USER, t.IAM_VIRTUAL_MFA_DEVICE),
    ),
    "iam-user-unused-credentials-check": LiveOnly(
        "last-used dates exist only in the running account's credential report",
        (t.IAM_USER, t.IAM_ACCESS_KEY, t.IAM_USER_LOGIN_PROFILE),
    ),
    "mfa-enabled-for-iam-console-access": LiveOnly(
        "console passwords and MFA devices are set by people at run time",
        (t.IAM_USER, t.IAM_USER_LOGIN_PROFILE, t.IAM_VIRTUAL_MFA_DEVICE),
    ),
    "root-account-hardware-mfa-enabled": LiveOnly(
        "the root user's MFA device is configured by hand, outside any program"
    ),
    "root-account-mfa-enabled": LiveOnly("the root user's MFA device is configured by hand, outside any program"),
}

NOT_COVERED: dict[str, str] = {
    "securityhub-enabled": "the baseline does not enable Security Hub (a per-account cost usually enabled "
    "centrally by the organisation), and does not deploy the rule; GuardDuty findings reach the alarm topic",
    "s3-bucket-replication-enabled": "the baseline keeps off-region copies with AWS Backup copy rules, and "
    "protects the audit bucket in place with Object Lock and versioning, rather than S3 replication (the rule is "
    "not deployed)",
    "s3-event-notifications-enabled": "object activity is audited through CloudTrail S3 data events and the "
    "monitoring alarms, not S3 event notifications (the rule is not deployed)",
}


def _csv(value: str) -> list[str]:
    return [x.strip() for x in value.split(",") if x.strip()]


def _ports(value: str) -> list[int]:
    """A Config rule's port list ("443,1020-1025") as ports."""
    found: list[int] = []
    for part in _csv(value):
        low, _, high = part.partition("-")
        found += list(range(int(low), int(high or low) + 1))
    return found


def _open_to_world(blocked: set[int]) -> dict[str, dict[str, Any]]:
    """The load balancer's ports the pack allows to the internet, less the ones the deployed rule blocks."""
    from pms_baseline_pack.rules import by_id

    allowed = by_id()["ec2-security-group-ingress-restricted"].defaults()["loadBalancerPorts"]
    return {"ec2-security-group-ingress-restricted": {"loadBalancerPorts": [p for p in allowed if p not in blocked]}}


def _scoped(scope: Mapping[str, Any], key: str) -> str:
    return str(scope.get(key) or "")


# AWS's documented defaults of the parameters that decide what a deployed rule flags
# (https://docs.aws.amazon.com/config/latest/developerguide/<rule>.html).
CONFIG_RULE_DEFAULTS: dict[str, dict[str, str]] = {
    "cloudwatch-alarm-action-check": {
        "alarmActionRequired": "true", "insufficientDataActionRequired": "true", "okActionRequired": "false",
    },
    "backup-plan-min-frequency-and-min-retention-check": {
        "requiredFrequencyValue": "1", "requiredRetentionDays": "35", "requiredFrequencyUnit": "days",
    },
    "iam-password-policy": {
        "MinimumPasswordLength": "14", "PasswordReusePrevention": "24", "MaxPasswordAge": "90",
    },
    "restricted-common-ports": {
        "blockedPort1": "20", "blockedPort2": "21", "blockedPort3": "3389", "blockedPort4": "3306",
        "blockedPort5": "4333",
    },
    "iam-policy-no-statements-with-admin-access": {"excludePermissionBoundaryPolicy": "false"},
    "iam-policy-no-statements-with-full-access": {"excludePermissionBoundaryPolicy": "false"},
    "iam-customer-policy-blocked-kms-actions": {"excludePermissionBoundaryPolicy": "false"},
}


@dataclass(frozen=True)
class LocalEvaluation:
    """How the pack judges a deployed AWS Config rule on a stack's state, as the deployed rule would.

    The pack rules are those that declare the Config rule in ``aws_config_rules`` plus ``also``; ``configs`` turns
    the deployed parameters (AWS defaults filled in) and scope into each pack rule's config, so a rule with
    exemptions of its own judges without them where the Config rule has none."""

    configs: Callable[[Mapping[str, str], Mapping[str, Any]], dict[str, dict[str, Any]]] | None = None
    also: tuple[str, ...] = ()
    """Pack rules that judge part of what the Config rule does, besides those declaring it."""
    requires: Mapping[str, str] = field(default_factory=dict)
    """Deployed parameter values without which the pack rules would be laxer than the Config rule."""
    laxer: str = ""
    """Why no config makes the pack judge as strictly as the Config rule (so it must not be deployed)."""


LOCAL_EVALUATION: dict[str, LocalEvaluation] = {
    "cloudwatch-alarm-action-check": LocalEvaluation(lambda p, s: {"cloudwatch-alarm-actions-configured": {
        "insufficientDataActionRequired": p["insufficientDataActionRequired"] == "true",
        "okActionRequired": p["okActionRequired"] == "true",
    }}),
    "vpc-sg-open-only-to-authorized-ports": LocalEvaluation(lambda p, s: {
        "ec2-security-group-ingress-restricted": {"loadBalancerPorts": _ports(p.get("authorizedTcpPorts", ""))}
    }),
    "restricted-common-ports": LocalEvaluation(
        lambda p, s: _open_to_world({int(v) for k, v in p.items() if k.startswith("blockedPort")})
    ),
    "restricted-ssh": LocalEvaluation(lambda p, s: _open_to_world({22})),
    "backup-plan-min-frequency-and-min-retention-check": LocalEvaluation(lambda p, s: {
        "backup-plan-frequency-and-retention-minimum": {
            "minimumRetentionDays": int(p["requiredRetentionDays"]),
            "maximumIntervalHours": int(p["requiredFrequencyValue"])
            * (24 if p["requiredFrequencyUnit"] == "days" else 1),
        }
    }),
    "iam-password-policy": LocalEvaluation(lambda p, s: {"iam-password-policy-strong": {
        "minimumLength": int(p["MinimumPasswordLength"]),
        "minimumReusePrevention": int(p["PasswordReusePrevention"]),
        "maximumAgeDays": int(p["MaxPasswordAge"]),
    }}),
    # The pack's KMS rule leaves Action "*" to the admin rule, which exempts permission boundaries: as strict as
    # the Config rules only when they exclude boundaries too.
    "iam-customer-policy-blocked-kms-actions": LocalEvaluation(
        lambda p, s: {"iam-policy-no-kms-decrypt-on-all-keys": {"blockedActions": _csv(p["blockedActionsPatterns"])}},
        also=("iam-policy-no-admin-statements",),
        requires={"excludePermissionBoundaryPolicy": "true"},
    ),
    "iam-inline-policy-blocked-kms-actions": LocalEvaluation(
        lambda p, s: {"iam-policy-no-kms-decrypt-on-all-keys": {"blockedActions": _csv(p["blockedActionsPatterns"])}},
        also=("iam-policy-no-admin-statements",),
    ),
    "iam-policy-no-statements-with-admin-access": LocalEvaluation(
        requires={"excludePermissionBoundaryPolicy": "true"}
    ),
    "iam-policy-no-statements-with-full-access": LocalEvaluation(
        also=("iam-policy-no-admin-statements",), requires={"excludePermissionBoundaryPolicy": "true"}
    ),
    "rds-multi-az-support": LocalEvaluation(
        lambda p, s: {"rds-instance-multi-az-enabled": {"exemptEnvironments": []}}
    ),
    "s3-bucket-default-lock-enabled": LocalEvaluation(lambda p, s: {"s3-bucket-object-lock-by-default": {
        "tagKey": _scoped(s, "tagKey"), "tagValue": _scoped(s, "tagValue"), "mode": p.get("mode", ""),
    }}),
    "internet-gateway-authorized-vpc-only": LocalEvaluation(lambda p, s: {"ec2-internet-gateway-authorized-vpc": {
        "authorizedVpcIds": _csv(p.get("AuthorizedVpcIds", "")), "authorizeStackVpcs": False,
    }}),
    "no-unrestricted-route-to-igw": LocalEvaluation(lambda p, s: {"ec2-internet-route-authorized-tables": {
        "routeTableIds": _csv(p.get("routeTableIds", "")), "authorizePublicTier": False,
    }}),
    "s3-bucket-logging-enabled": LocalEvaluation(lambda p, s: {"s3-bucket-logging-enabled": {"exemptRoles": []}}),
    "s3-default-encryption-kms": LocalEvaluation(
        laxer="s3-bucket-kms-encrypted lets the SSE-S3-only log buckets (pms-role access-logs, load-balancer-logs) "
        "pass, which the Config rule flags"
    ),
}


def local_evaluation(
    config_rule: str, parameters: Mapping[str, str], scope: Mapping[str, Any] | None = None, rules: Any = None
) -> list[tuple[Any, dict[str, Any]]]:
    """(pack rule, config) pairs that judge ``config_rule`` as deployed with ``parameters`` and ``scope``.

    Raises LookupError when no pack rule judges it and ValueError when the pack rules would judge more leniently
    than the deployed rule (a parameter they rely on is not deployed, or no config can make them as strict)."""
    if rules is None:
        from pms_baseline_pack.rules import catalogue

        rules = catalogue()
    entry = LOCAL_EVALUATION.get(config_rule, LocalEvaluation())
    if entry.laxer:
        raise ValueError(f"{config_rule}: the pack judges more leniently: {entry.laxer}")
    params = {**CONFIG_RULE_DEFAULTS.get(config_rule, {}), **parameters}
    unmet = {k: v for k, v in entry.requires.items() if params.get(k) != v}
    if unmet:
        wanted = ", ".join(f"{k}={v}" for k, v in unmet.items())
        raise ValueError(f"{config_rule}: the pack judges more leniently unless it is deployed with {wanted}")
    chosen = [r for r in rules if config_rule in r.aws_config_rules or r.id in entry.also]
    if not chosen:
        raise LookupError(f"{config_rule}: no pack rule judges it")
    configs = entry.configs(params, scope or {}) if entry.configs else {}
    return [(rule, configs.get(rule.id, {})) for rule in chosen]


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
            rows.append(CoverageRow(name, LIVE, (), LIVE_ONLY[name].reason))
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
