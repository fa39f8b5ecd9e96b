"""Run every live check against an account: identity first, then collection concurrently per service and
region with a bounded thread pool, then the checks, then drift against a state document.

Nothing one API, collector or check does ends the run: a failed call is a finding (``context``), a collector or
a check that raises on an answer of an unexpected shape is a finding too, and the report is always written. Only
an account that cannot be reached at all (no credentials, no endpoint, no identity) is an input error."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
)

from pms_baseline.errors import InputError
from pms_baseline.findings import Finding, Report, binding
from pms_baseline.live import (  # noqa: F401 - importing a service's module registers its checks
    access_analyzer,
    acm,
    apigateway,
    artifact,
    autoscaling,
    backup,
    backup_coverage,
    cloudtrail,
    cloudwatch,
    codebuild,
    config,
    credential_report,
    dms,
    dynamodb,
    ebs,
    ec2,
    ec2_instances,
    ec2_network,
    ecs,
    efs,
    elasticache,
    elasticbeanstalk,
    elb,
    elb_classic,
    emr,
    guardduty,
    iam,
    iam_policies,
    iam_roles,
    isolation,
    kinesis,
    kms,
    kms_grants,
    lambda_,
    logs,
    opensearch,
    rds,
    rds_clusters,
    rds_settings,
    redshift,
    s3,
    s3_settings,
    sagemaker,
    secretsmanager,
    securityhub,
    sns,
    ssm,
    ssm_managed,
    vpn,
    wafv2,
)
from pms_baseline.live.context import Live, error_code, reject_unparsable
from pms_baseline.live.limits import CallLimits
from pms_baseline.live.registry import CHECKS, COLLECTORS, GLOBAL, Account, Inventory
from pms_baseline.state import StateDocument, is_opaque

DEFAULT_WORKERS = 8


@dataclass
class VerifyResult:
    """Findings of one run, and what it cost."""

    findings: list[Finding]
    account_id: str
    regions: tuple[str, ...]
    endpoint_url: str | None
    seconds: float
    api_calls: int
    resources: int = 0
    """How many resources the collectors described."""
    calls: list[str] = field(default_factory=list)
    """Every API call made, in order (``<botocore service name>:<Operation>``, e.g. "
    "``s3control:GetPublicAccessBlock``)."""
    state_sha256: str | None = None
    """The SHA-256 of the state drift was judged against (``loader.state_sha256``); None without a state."""
    state_hashed_as: str = ""
    limits: CallLimits = field(default_factory=CallLimits)
    environment: str | None = None
    """Whose floors the checks applied (prod, staging, test); None for the pack's defaults."""

    @property
    def mandatory(self) -> list[Finding]:
        return [f for f in self.findings if f.mandatory]

    def report(self) -> Report:
        """The shared report record (``pms_baseline.findings.Report``) every writer takes."""
        target = {
            "account": self.account_id,
            "regions": list(self.regions),
            "endpoint": self.endpoint_url or "aws",
            "call_limits": self.limits.to_json(),
            "environment": self.environment or "",
            **binding(self.state_sha256, self.state_hashed_as),
        }
        return Report(
            source="live",
            target=target,
            findings=list(self.findings),
            resources=self.resources,
            timings={"verify": self.seconds},
        )


def make_session(profile: str | None = None) -> Any:
    try:
        return boto3.Session(profile_name=profile) if profile else boto3.Session()
    except ProfileNotFound as exc:
        raise InputError(str(exc)) from None


def identity(session: Any, region: str, endpoint_url: str | None, limits: CallLimits | None = None) -> dict[str, Any]:
    """STS GetCallerIdentity, with every way it can fail (an answer without an account included) turned into
    one line. One attempt within the call timeout: an account that cannot be reached is an input error."""
    where = endpoint_url or "AWS"
    limits = limits or CallLimits()
    who = _caller(session, region, endpoint_url, limits, where)
    account = who.get("Account") if isinstance(who, dict) else None
    if not isinstance(account, str) or not account.isdigit():
        raise InputError(f"{where} answered sts:GetCallerIdentity without an account id (Account is "
                         f"{account!r}); is that an AWS endpoint?")
    return who


def _caller(session: Any, region: str, endpoint_url: str | None, limits: CallLimits, where: str) -> Any:
    try:
        sts = session.client("sts", region_name=region, endpoint_url=endpoint_url, config=limits.config(attempts=1))
        sts.meta.events.register("before-parse.*.*", reject_unparsable)
        return sts.get_caller_identity()
    except (NoCredentialsError, PartialCredentialsError):
        raise InputError(
            "no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
            "or pass --profile"
        ) from None
    except EndpointConnectionError:
        raise InputError(f"cannot reach {where}: connection failed") from None
    except ClientError as exc:
        err = exc.response.get("Error", {})
        if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 400) >= 500:
            raise InputError(f"cannot reach {where}: sts:GetCallerIdentity answered {error_code(exc)}") from None
        raise InputError(
            f"{where} rejected the credentials: {err.get('Code')}: {err.get('Message')}"
        ) from None
    except Exception as exc:  # timeouts, parse errors of a page that is not STS's answer, and the like
        first = (str(exc).strip().splitlines() or [""])[0][:160]
        raise InputError(
            f"cannot reach {where}: sts:GetCallerIdentity failed ({type(exc).__name__}: {first})"
        ) from None


def _collect(live: Live, service: str, region: str) -> Inventory:
    _scope, fn = COLLECTORS[service]
    inv = Inventory(service, region)
    try:
        fn(live, inv)
    except Exception as exc:  # an answer the collector could not take apart: what it read so far is incomplete
        inv.complete = False
        inv.failed.append(inv.unexpected(exc))
    return inv


def _unchecked(live: Live, rule: str, what: str, exc: Exception) -> Finding:
    """The finding for a check (or the drift comparison) that raised: the rule is unverified, not passed."""
    detail = (str(exc).strip().splitlines() or [""])[0][:120]
    return live.finding(rule, "aws:account", rule, live.account_id,
                        f"could not {what}: {type(exc).__name__}: {detail} (an answer of an unexpected shape); "
                        "the rule is unverified")


def _problems(live: Live, inventories: list[Inventory]) -> list[Finding]:
    """One finding per denied or failing action and region (a denied call repeats per resource)."""
    out, seen = [], set()
    for inv in inventories:
        for d in inv.denied:
            if (d.action, d.region) not in seen:
                seen.add((d.action, d.region))
                out.append(
                    live.finding(
                        "live-api-access-denied",
                        "aws:account",
                        d.action,
                        live.account_id,
                        f"{d.action} was denied ({d.code}), so the checks that need it could not "
                        "run; grant it",
                        "" if d.region == live.home_region and inv.region == GLOBAL else d.region,
                    )
                )
        # A call not tried (after a timeout, or past the run's deadline) is named only when nothing else is.
        for e in sorted(inv.failed, key=lambda e: e.code == "NotTried"):
            if (e.action, e.region) not in seen:
                seen.add((e.action, e.region))
                out.append(
                    live.finding(
                        "live-api-error",
                        "aws:account",
                        e.action,
                        live.account_id,
                        f"{e.action} failed ({e.code}: {e.detail})",
                        e.region,
                    )
                )
    return out


def state_regions(state: StateDocument) -> list[str]:
    """The regions a state's resources live in: those its AWS providers name, and the ``region`` pulumi-aws v7
    records on a resource; so ``verify --state`` reads every region the stack declares something in."""
    found: list[str] = []
    for r in state.resources:
        region = r.inputs.get("region") if r.type == "pulumi:providers:aws" else r.props.get("region")
        if isinstance(region, str) and region and not is_opaque(region) and region not in found:
            found.append(region)
    return found


def verify(
    *,
    session: Any = None,
    regions: list[str] | tuple[str, ...] = (),
    endpoint_url: str | None = None,
    state: StateDocument | None = None,
    max_workers: int = DEFAULT_WORKERS,
    limits: CallLimits | None = None,
    state_sha256: str | None = None,
    environment: str | None = None,
) -> VerifyResult:
    """Check the account ``session`` reaches; raise InputError (one line) when it cannot be reached at all.

    ``state_sha256`` is the hash of the state file as read (``loader.state_sha256``), which binds the report to
    it; ``limits`` bounds every call and the run (``limits.CallLimits``); ``environment`` (prod, staging, test)
    names whose floors apply, else the state's environment (``floors.run_environment``)."""
    from pms_baseline.live.floors import run_environment

    start = time.monotonic()
    environment = run_environment(environment, state)
    limits = limits or CallLimits()
    session = session or make_session()
    regions = tuple(dict.fromkeys([*(regions or [session.region_name or "us-east-1"]),
                                   *(state_regions(state) if state is not None else ())]))
    calls: list[str] = []

    def record(model: Any = None, **_: Any) -> None:
        if model is not None:
            calls.append(f"{model.service_model.service_name}:{model.name}")

    session.events.register("before-call.*.*", record)
    try:
        who = identity(session, regions[0], endpoint_url, limits)
        arn = str(who.get("Arn", ""))
        live = Live(
            session=session,
            account_id=str(who["Account"]),
            home_region=regions[0],
            partition=arn.split(":")[1] if arn.startswith("arn:") else "aws",
            endpoint_url=endpoint_url,
            max_workers=max_workers,
            limits=limits,
            environment=environment,
            deadline=start + limits.run_timeout,
        )
        if state is not None:
            live.state_ids = _state_ids(state)
        tasks = [
            (svc, GLOBAL if scope == GLOBAL else region)
            for svc, (scope, _fn) in COLLECTORS.items()
            for region in (regions[:1] if scope == GLOBAL else regions)
        ]
        with ThreadPoolExecutor(max_workers=max_workers) as pool:
            futures = {task: pool.submit(_collect, live, *task) for task in tasks}
            inventories = {task: f.result() for task, f in futures.items()}
        acct = Account(live=live, regions=regions, inventories=inventories)
        findings = _problems(live, list(inventories.values()))
        for chk in CHECKS:
            try:
                findings.extend(chk.fn(acct))
            except Exception as exc:
                findings.append(_unchecked(live, chk.rule, f"check {chk.rule}", exc))
        if state is not None:
            from pms_baseline.live.drift import drift

            try:
                findings.extend(drift(acct, state))
            except Exception as exc:
                findings.append(_unchecked(live, "live-setting-drift", "compare the account with the state", exc))
    finally:
        session.events.unregister("before-call.*.*", record)
    from pms_baseline.loader import HASHED_BYTES
    return VerifyResult(
        findings=findings,
        account_id=live.account_id,
        regions=regions,
        endpoint_url=endpoint_url,
        seconds=time.monotonic() - start,
        api_calls=len(calls),
        calls=calls,
        resources=sum(_count(inv) for inv in inventories.values()),
        state_sha256=state_sha256 if state is not None else None,
        state_hashed_as=HASHED_BYTES,
        limits=limits,
        environment=environment,
    )


def _count(inv: Inventory) -> int:
    return sum(
        len(v)
        for k, v in inv.items.items()
        if isinstance(v, (list, dict))
        and k not in ("summary", "password_policy", "account_pab", "agreements", "recorder_status")
    )


def _state_ids(doc: StateDocument) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for r in doc.resources:
        if not r.custom:
            continue
        for key in (
            r.id,
            r.outputs.get("arn"),
            r.outputs.get("name") if r.type != "aws:kms/alias:Alias" else None,
        ):
            if isinstance(key, str) and key and key not in out:
                out[key] = (r.urn, r.type)
    return out
