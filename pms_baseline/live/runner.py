"""Run every live check against an account: identity first, then collection concurrently per service and
region with a bounded thread pool, then the checks, then drift against a state document."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
)

from pms_baseline.errors import InputError
from pms_baseline.findings import Finding, Report
from pms_baseline.live import backup, cloudtrail, ec2, guardduty, iam, kms, logs, rds, s3  # noqa: F401 (registers)
from pms_baseline.live.context import Live
from pms_baseline.live.registry import CHECKS, COLLECTORS, GLOBAL, Account, Inventory
from pms_baseline.state import StateDocument

DEFAULT_WORKERS = 8
IDENTITY_CONFIG = Config(retries={"mode": "standard", "max_attempts": 1}, connect_timeout=3, read_timeout=10)


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

    @property
    def mandatory(self) -> list[Finding]:
        return [f for f in self.findings if f.mandatory]

    def report(self) -> Report:
        """The shared report record (``pms_baseline.findings.Report``) every writer takes."""
        target = {
            "account": self.account_id,
            "regions": list(self.regions),
            "endpoint": self.endpoint_url or "aws",
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


def identity(session: Any, region: str, endpoint_url: str | None) -> dict[str, Any]:
    """STS GetCallerIdentity, with every way it can fail turned into one line."""
    where = endpoint_url or "AWS"
    try:
        sts = session.client("sts", region_name=region, endpoint_url=endpoint_url, config=IDENTITY_CONFIG)
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
        raise InputError(
            f"{where} rejected the credentials: {err.get('Code')}: {err.get('Message')}"
        ) from None
    except (BotoCoreError, ValueError) as exc:
        raise InputError(f"cannot reach {where}: {str(exc).splitlines()[0]}") from None


def _collect(live: Live, service: str, region: str) -> Inventory:
    _scope, fn = COLLECTORS[service]
    inv = Inventory(service, region)
    fn(live, inv)
    return inv


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
        for e in inv.failed:
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


def verify(
    *,
    session: Any = None,
    regions: list[str] | tuple[str, ...] = (),
    endpoint_url: str | None = None,
    state: StateDocument | None = None,
    max_workers: int = DEFAULT_WORKERS,
) -> VerifyResult:
    """Check the account ``session`` reaches; raise InputError (one line) when it cannot be reached at all."""
    start = time.monotonic()
    session = session or make_session()
    regions = tuple(dict.fromkeys(regions or [session.region_name or "us-east-1"]))
    calls: list[str] = []

    def record(model: Any = None, **_: Any) -> None:
        if model is not None:
            calls.append(f"{model.service_model.service_name}:{model.name}")

    session.events.register("before-call.*.*", record)
    try:
        who = identity(session, regions[0], endpoint_url)
        arn = str(who.get("Arn", ""))
        live = Live(
            session=session,
            account_id=str(who["Account"]),
            home_region=regions[0],
            partition=arn.split(":")[1] if arn.startswith("arn:") else "aws",
            endpoint_url=endpoint_url,
            max_workers=max_workers,
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
            findings.extend(chk.fn(acct))
        if state is not None:
            from pms_baseline.live.drift import drift

            findings.extend(drift(acct, state))
    finally:
        session.events.unregister("before-call.*.*", record)
    return VerifyResult(
        findings=findings,
        account_id=live.account_id,
        regions=regions,
        endpoint_url=endpoint_url,
        seconds=time.monotonic() - start,
        api_calls=len(calls),
        calls=calls,
        resources=sum(_count(inv) for inv in inventories.values()),
    )


def _count(inv: Inventory) -> int:
    return sum(
        len(v)
        for k, v in inv.items.items()
        if isinstance(v, (list, dict)) and k not in ("summary", "password_policy", "account_pab")
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
