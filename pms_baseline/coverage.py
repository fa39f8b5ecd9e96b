"""Coverage of the AWS Config HIPAA conformance pack's rows by the checks that exist.

One list of implemented checks (``checks``: the catalogue's pre-deploy rules and the live checks registered in
``live.registry.CHECKS``, each with its ``aws_config_rules``) feeds both ``pms-baseline rules`` and
``pms-baseline coverage``, so the figure moves when a rule or a live check is added or removed. A row is:

- ``covered``: a pre-deploy rule or a live check declares it (both are listed);
- ``not covered``: nothing that exists declares it; the reason comes from ``NOT_COVERED`` (we chose not to check
  it), ``LIVE_ONLY`` (only an account can answer it, and no live check does yet) or the row's scope;
- ``out of scope``: a ``process`` row, which no infrastructure check can judge.

The figures are covered ``baseline`` rows / ``baseline`` rows, and covered technical rows (``baseline`` and
``other``) / technical rows.

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

PRE_DEPLOY_KIND = "pre-deploy"
LIVE_KIND = "live"
"""A check's kind: a rule of the pack (judged before deploy) or a live check (judged on an account)."""
COVERED = "covered"
NOT_COVERED_STATUS = "not covered"
OUT_OF_SCOPE = "out of scope"
BASELINE, OTHER, PROCESS = "baseline", "other", "process"
TECHNICAL = (BASELINE, OTHER)
"""The scopes a check can cover; ``process`` rows are not checkable from infrastructure."""

PROCESS_REASON = "a process requirement, not checkable from infrastructure or an account's settings"
PROCESS_ROWS: dict[str, str] = {
    "annual-risk-assessment-performed": "a process control (AWS Config's process check): the annual risk "
    "assessment of 164.308(a)(1)(ii)(A) is a document an organisation writes, not a setting of any resource "
    "or account, so no pre-deploy rule or live check can judge it",
}

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
class CheckInfo:
    """One implemented check, pre-deploy (a rule of the pack's catalogue) or live (registered in
    ``pms_baseline.live.registry.CHECKS``), with the metadata it reports under."""

    id: str
    kind: str
    """``pre-deploy`` or ``live``."""
    applies_to: str
    """What one evaluation judges: ``resource`` or ``stack`` (a pre-deploy rule's CrossGuard kind), ``account``
    (a live check, which reads the whole account)."""
    title: str
    severity: str
    citations: tuple[str, ...]
    remediation: str
    aws_config_rules: tuple[str, ...]
    checkov_ids: tuple[str, ...] = ()
    resource_types: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    """The live collectors' services the check judges (live checks)."""
    enforcement: str = "mandatory"
    config: Mapping[str, Any] = field(default_factory=dict)
    """The pre-deploy rule's tunables as JSON schema."""
    scope: str = "account"
    """A pre-deploy rule's ``Rule.scope``: ``workload``, or ``account`` (not applicable to a workload stack); a
    live check reads the account."""
    read_live: str = ""
    """A pre-deploy rule's live parity: ``checked`` when a live check of the same id exists, else why no live
    check can judge it (``live.not_read.NOT_READ_LIVE``), else ``not read live``; empty for a live check."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "applies_to": self.applies_to, "title": self.title,
            "severity": self.severity, "enforcement": self.enforcement, "citations": list(self.citations),
            "resource_types": list(self.resource_types), "services": list(self.services),
            "remediation": self.remediation, "aws_config_rules": list(self.aws_config_rules),
            "checkov_ids": list(self.checkov_ids), "config": dict(self.config), "scope": self.scope,
            **({"read_live": self.read_live} if self.kind == PRE_DEPLOY_KIND else {}),
        }


CHECKED_LIVE = "checked"
NOT_READ = "not read live"


def checks(rules: Any = None, live_checks: Any = None) -> list[CheckInfo]:
    """Every implemented check: the catalogue's rules (``rules``, the whole catalogue by default), then the live
    checks registered in ``live.registry.CHECKS`` (``live_checks``), each rule id once per kind.

    The one list both ``pms-baseline rules`` and ``pms-baseline coverage`` read, so a Config rule is counted
    covered only by a check that exists."""
    if rules is None:
        from pms_baseline_pack.rules import catalogue

        rules = catalogue()
    if live_checks is None:
        from pms_baseline.live import runner  # noqa: F401 - importing the runner registers every live check
        from pms_baseline.live.registry import CHECKS

        live_checks = CHECKS
    from pms_baseline.live.meta import rule as live_rule
    from pms_baseline.live.not_read import NOT_READ_LIVE

    live_ids = {chk.rule for chk in live_checks}
    out = [
        CheckInfo(r.id, PRE_DEPLOY_KIND, r.kind, r.title, r.severity, tuple(r.citations), r.remediation,
                  tuple(r.aws_config_rules), tuple(r.checkov_ids), tuple(r.resource_types), (),
                  r.enforcement, {k: p.schema() for k, p in r.config.items()}, r.scope,
                  CHECKED_LIVE if r.id in live_ids else NOT_READ_LIVE.get(r.id, NOT_READ))
        for r in rules
    ]

    services: dict[str, list[str]] = {}
    for chk in live_checks:
        services.setdefault(chk.rule, [])
        if chk.service not in services[chk.rule]:
            services[chk.rule].append(chk.service)
    for rule_id, svcs in services.items():
        m = live_rule(rule_id)
        out.append(CheckInfo(m.id, LIVE_KIND, "account", m.title, m.severity, m.citations, m.remediation,
                             m.aws_config_rules, m.checkov_ids, (), tuple(svcs)))
    return out


@dataclass(frozen=True)
class CoverageRow:
    """One row of the AWS Config HIPAA list and the checks that implement it."""

    config_rule: str
    scope: str
    """The row's scope in the reference list: ``baseline``, ``other`` or ``process``."""
    status: str
    """``covered``, ``not covered`` or ``out of scope``."""
    pre_deploy: tuple[str, ...] = ()
    """Ids of the pack's rules that declare this Config rule."""
    live: tuple[str, ...] = ()
    """Ids of the registered live checks whose rule declares this Config rule."""
    reason: str = ""
    """Why a row is not covered or out of scope."""

    @property
    def rules(self) -> tuple[str, ...]:
        return self.pre_deploy + tuple(r for r in self.live if r not in self.pre_deploy)

    def to_json(self) -> dict[str, Any]:
        return {"config_rule": self.config_rule, "scope": self.scope, "status": self.status,
                "pre_deploy": list(self.pre_deploy), "live": list(self.live), "reason": self.reason}


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...]
    read_live: tuple[tuple[str, str], ...] = ()
    """(pre-deploy rule id, ``CheckInfo.read_live``) for every pre-deploy rule: its live parity."""

    def parity(self) -> dict[str, Any]:
        """How many pre-deploy rules are also judged live, how many cannot be (each has its reason in
        ``pms-baseline rules --format json``), and the ids of any that are neither."""
        return {"rules": len(self.read_live),
                "checked": sum(1 for _, v in self.read_live if v == CHECKED_LIVE),
                "not_readable": sum(1 for _, v in self.read_live if v not in (CHECKED_LIVE, NOT_READ)),
                "missing": sorted(i for i, v in self.read_live if v == NOT_READ)}

    def count(self, status: str, scopes: tuple[str, ...] = TECHNICAL) -> int:
        return sum(1 for r in self.rows if r.status == status and r.scope in scopes)

    def total(self, scopes: tuple[str, ...] = TECHNICAL) -> int:
        return sum(1 for r in self.rows if r.scope in scopes)

    def ratio(self, scopes: tuple[str, ...]) -> float:
        total = self.total(scopes)
        return self.count(COVERED, scopes) / total if total else 0.0

    @property
    def figure(self) -> float:
        """Covered ``baseline`` rows / ``baseline`` rows."""
        return self.ratio((BASELINE,))

    @property
    def technical_figure(self) -> float:
        """Covered technical rows (``baseline`` and ``other``) / technical rows; ``process`` rows are out of scope."""
        return self.ratio(TECHNICAL)

    def summary(self) -> dict[str, Any]:
        def part(scopes: tuple[str, ...]) -> dict[str, Any]:
            return {"rows": self.total(scopes), "covered": self.count(COVERED, scopes),
                    "pre_deploy": sum(1 for r in self.rows if r.scope in scopes and r.pre_deploy),
                    "live": sum(1 for r in self.rows if r.scope in scopes and r.live),
                    "figure": round(self.ratio(scopes), 4)}

        return {"baseline": part((BASELINE,)), "other": part((OTHER,)), "technical": part(TECHNICAL),
                "out_of_scope": self.count(OUT_OF_SCOPE, (PROCESS,)), "live_parity": self.parity()}


def _uncovered_reason(name: str, scope: str) -> str:
    if name in LIVE_ONLY:
        return f"live-only ({LIVE_ONLY[name].reason}), and no live check implements it yet"
    if name in NOT_COVERED:
        return NOT_COVERED[name]
    if scope == OTHER:
        return "a service the baseline does not use; no pre-deploy rule or live check declares it yet"
    return "no pre-deploy rule or live check declares it, and no reason is recorded"


def coverage(implemented: list[CheckInfo] | None = None) -> Coverage:
    """Every row of the AWS Config HIPAA list, covered by the checks in ``implemented`` (``checks()`` by default)
    whose ``aws_config_rules`` name it, or not covered with the reason; ``process`` rows are out of scope.

    ``LIVE_ONLY`` and ``NOT_COVERED`` only supply the reasons of uncovered rows: a row counts only when a check
    that exists declares it."""
    implemented = checks() if implemented is None else implemented
    by_rule: dict[str, dict[str, list[str]]] = {}
    for c in implemented:
        for name in c.aws_config_rules:
            ids = by_rule.setdefault(name, {PRE_DEPLOY_KIND: [], LIVE_KIND: []})[c.kind]
            if c.id not in ids:
                ids.append(c.id)
    rows = []
    for name, scope in aws_config_rules().items():
        if scope == PROCESS:
            rows.append(CoverageRow(name, scope, OUT_OF_SCOPE, reason=PROCESS_ROWS.get(name, PROCESS_REASON)))
            continue
        found = by_rule.get(name, {})
        pre, live = tuple(sorted(found.get(PRE_DEPLOY_KIND, ()))), tuple(sorted(found.get(LIVE_KIND, ())))
        if pre or live:
            rows.append(CoverageRow(name, scope, COVERED, pre, live))
        else:
            rows.append(CoverageRow(name, scope, NOT_COVERED_STATUS, reason=_uncovered_reason(name, scope)))
    parity = tuple((c.id, c.read_live) for c in implemented if c.kind == PRE_DEPLOY_KIND)
    return Coverage(tuple(rows), parity)


def _percent(n: int, total: int) -> str:
    return f"{n} of {total} ({n / total:.1%})" if total else "0 of 0"


def format_coverage(result: Coverage | None = None) -> str:
    """A plain-text table of every row (covered first, then not covered, then out of scope), then the figures."""
    result = result or coverage()
    width = max((len(r.config_rule) for r in result.rows), default=10)
    lines = [f"{'AWS Config rule':<{width}}  {'scope':<8}  {'status':<12}  pre-deploy | live, or the reason",
             "-" * (width + 60)]
    for row in _ordered(result):
        if row.status == COVERED:
            detail = f"{', '.join(row.pre_deploy) or '-'} | {', '.join(row.live) or '-'}"
        else:
            detail = row.reason
        lines.append(f"{row.config_rule:<{width}}  {row.scope:<8}  {row.status:<12}  {detail}")
    lines += ["", *_figures(result)]
    return "\n".join(lines)


def _ordered(result: Coverage) -> list[CoverageRow]:
    order = {COVERED: 0, NOT_COVERED_STATUS: 1, OUT_OF_SCOPE: 2}
    scopes = {BASELINE: 0, OTHER: 1, PROCESS: 2}
    return sorted(result.rows, key=lambda r: (order[r.status], scopes.get(r.scope, 3), r.config_rule))


def _figures(result: Coverage) -> list[str]:
    s = result.summary()
    return [
        f"baseline rows covered: {_percent(s['baseline']['covered'], s['baseline']['rows'])}; "
        f"other rows covered: {_percent(s['other']['covered'], s['other']['rows'])}",
        f"technical rows covered: {_percent(s['technical']['covered'], s['technical']['rows'])} "
        f"(baseline + other; {s['out_of_scope']} process row out of scope)",
        *_parity_line(s["live_parity"]),
    ]


def _parity_line(p: dict[str, Any]) -> list[str]:
    if not p["rules"]:
        return []
    missing = f"; not read live yet: {', '.join(p['missing'])}" if p["missing"] else ""
    return [f"pre-deploy rules also judged live under their own id: {p['checked']} of {p['rules']}; "
            f"{p['not_readable']} cannot be, each with its reason in `pms-baseline rules --format json`{missing}"]


def format_markdown(result: Coverage | None = None) -> str:
    """The same table as Markdown, as the README carries it (a test holds the README to this output)."""
    result = result or coverage()
    lines = ["| AWS Config rule | scope | status | pre-deploy rules | live checks, or the reason |",
             "|---|---|---|---|---|"]
    for row in _ordered(result):
        if row.status == COVERED:
            cells = [", ".join(f"`{r}`" for r in row.pre_deploy) or "-", ", ".join(f"`{r}`" for r in row.live) or "-"]
        else:
            cells = ["-", row.reason.replace("|", "\\|")]
        lines.append(f"| `{row.config_rule}` | {row.scope} | {row.status} | {cells[0]} | {cells[1]} |")
    return "\n".join([*lines, "", *(f"{line}<br>" if i == 0 else line for i, line in enumerate(_figures(result)))])


def coverage_json(result: Coverage | None = None) -> dict[str, Any]:
    result = result or coverage()
    return {"rows": [r.to_json() for r in result.rows], "summary": result.summary()}


if __name__ == "__main__":
    print(format_coverage())
