"""What every live check gets: clients with bounded calls, failures turned into findings, a finding builder.

Checks call AWS only through ``Live.call`` and ``Live.pages``, so every way one call can go wrong ends there as
``Denied`` (AccessDenied and the like) or ``ApiFailed`` (an error answer, a 5xx, throttling past every retry, a
timeout, a lost connection, a 200 whose body does not parse, anything unexpected), which the collector records
and the runner reports as a finding while the other checks go on.

Every call's time is bounded (``CallLimits``): botocore's standard retry mode makes at most ``max_attempts``
HTTP attempts, each with a connect and a read timeout, with its capped exponential backoff between them; an
action that timed out in a region is not tried again there in the same run; and no call starts after the run's
time limit. ``limits.CallLimits.worst_call_seconds`` is the bound the README states.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from botocore.parsers import ResponseParserError

from pms_baseline.findings import MANDATORY, Finding, ResourceRef
from pms_baseline.live import meta
from pms_baseline.live.endpoint import path_style_s3control
from pms_baseline.live.limits import CallLimits

DENIED_CODES = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "AuthorizationError",
        "UnauthorizedAccess",
        "AccessDeniedFault",
        "Forbidden",
    }
)
DETAIL_CHARS = 160
"""How much of an error's text a finding quotes (a proxy's error page can be long)."""

_LAST = threading.local()


def last_call() -> tuple[str, str] | None:
    """The action and region of the latest call this thread made through ``Live``, to name what failed."""
    return getattr(_LAST, "call", None)


def reject_unparsable(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
    """botocore's ``before-parse`` hook: a success answer that is an HTML page (no AWS API answers with one), or
    a JSON-protocol answer whose body is not JSON, raises ``ResponseParserError``. botocore would otherwise read
    a well-formed error page as an empty answer (XML) or as ``{"message": page}`` (JSON), and a check would
    judge a proxy's page as the account's settings."""
    body = response_dict.get("body")
    status = response_dict.get("status_code", 500)
    if status >= 300 or not isinstance(body, bytes) or not body.strip():
        return  # error answers go through botocore's error parsing; streams are not read here
    kind = str((response_dict.get("headers") or {}).get("content-type", "no content type"))
    # By the body, not the content type: moto serves JSON as text/html, and a proxy may label its page anything.
    if body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise ResponseParserError(f"HTTP {status} answer is an HTML page ({kind}): {body[:60]!r}")
    if operation_model.metadata.get("protocol") in ("json", "rest-json"):
        try:
            json.loads(body)
        except ValueError:
            raise ResponseParserError(f"HTTP {status} answer is not JSON ({kind}): {body[:60]!r}") from None


class Denied(Exception):
    """An API call the verifying identity may not make."""

    def __init__(self, action: str, code: str, region: str) -> None:
        super().__init__(f"{action} denied ({code}) in {region}")
        self.action, self.code, self.region = action, code, region


class ApiFailed(Exception):
    """An API call that failed: an error answer, throttling past every retry, a timeout, a lost connection, an
    answer that does not parse, or one not tried (past the run's deadline, or after its action timed out)."""

    def __init__(self, action: str, code: str, region: str, detail: str) -> None:
        super().__init__(f"{action} failed in {region}: {code}: {detail}")
        self.action, self.code, self.region, self.detail = action, code, region, detail


def error_code(exc: ClientError) -> str:
    code = str(exc.response.get("Error", {}).get("Code", ""))
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return code or f"HTTP {status or '?'}"


def _detail(text: str) -> str:
    line = (str(text).strip().splitlines() or [""])[0]
    return line if len(line) <= DETAIL_CHARS else line[: DETAIL_CHARS - 3] + "..."


def action_name(client: Any, operation: str) -> str:
    """The IAM action of a client method, e.g. ``s3:GetBucketPolicy``."""
    model = client.meta.service_model
    op = client.meta.method_to_api_mapping.get(operation, operation)
    return f"{model.signing_name}:{op}"


@dataclass
class Live:
    """One verify run's clients, account identity, the state it compares against, and its time limits."""

    session: Any
    account_id: str
    home_region: str
    partition: str = "aws"
    endpoint_url: str | None = None
    max_workers: int = 8
    """Bound on concurrent calls, for service/region collectors and for per-bucket reads alike."""
    state_ids: dict[str, tuple[str, str]] = field(default_factory=dict)
    """provider id or ARN -> (urn, type) of the state's resource, so a live finding names the declared URN."""
    limits: CallLimits = field(default_factory=CallLimits)
    environment: str | None = None
    """prod, staging or test: whose floors the checks apply (``floors``); None for the pack's defaults."""
    deadline: float = float("inf")
    """``time.monotonic()`` after which no call starts (the run's ``run_timeout``)."""
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict)
    _timed_out: set[tuple[str, str]] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, service: str, region: str) -> Any:
        """A client per service and region; created under a lock because boto3 sessions are not thread-safe."""
        with self._lock:
            key = (service, region)
            if key not in self._clients:
                client = self.session.client(
                    service, region_name=region, endpoint_url=self.endpoint_url, config=self.limits.config()
                )
                client.meta.events.register("before-parse.*.*", reject_unparsable)
                if self.endpoint_url:
                    path_style_s3control(client)
                self._clients[key] = client
            return self._clients[key]

    def _may_start(self, action: str, region: str) -> None:
        """Refuse a call after the run's deadline, or of an action that already timed out in this region."""
        _LAST.call = (action, region)
        if time.monotonic() > self.deadline:
            raise ApiFailed(action, "NotTried", region,
                            f"the run's time limit of {self.limits.run_timeout:g} s (--run-timeout) had passed")
        if (action, region) in self._timed_out:
            raise ApiFailed(action, "NotTried", region, "it timed out earlier in this run")

    def _failed(self, action: str, region: str, exc: Exception) -> Exception:
        """What a call's exception becomes: Denied, or ApiFailed naming what went wrong."""
        if isinstance(exc, ClientError):
            code = error_code(exc)
            if code in DENIED_CODES:
                return Denied(action, code, region)
            return ApiFailed(action, code, region, _detail(exc.response.get("Error", {}).get("Message", "")))
        if isinstance(exc, (ReadTimeoutError, ConnectTimeoutError)):
            with self._lock:
                self._timed_out.add((action, region))
            return ApiFailed(action, "Timeout", region,
                             f"no answer within {self.limits.call_timeout:g} s, {self.limits.max_attempts} attempts")
        if isinstance(exc, (EndpointConnectionError, ConnectionClosedError)):
            return ApiFailed(action, "ConnectionFailed", region, _detail(str(exc)))
        if isinstance(exc, ResponseParserError):
            return ApiFailed(action, "UnparsableAnswer", region, _detail(str(exc)))
        return ApiFailed(action, type(exc).__name__, region, _detail(str(exc)))

    def call(self, client: Any, operation: str, *, missing: tuple[str, ...] = (), **kwargs: Any) -> Any:
        """Call ``operation``; return None for an error code in ``missing`` (the setting is absent)."""
        region = client.meta.region_name
        action = action_name(client, operation)
        self._may_start(action, region)
        try:
            return getattr(client, operation)(**kwargs)
        except ClientError as exc:
            if error_code(exc) in missing:
                return None
            raise self._failed(action, region, exc) from None
        except Exception as exc:  # parse errors, timeouts, lost connections, the unexpected: a finding, not a crash
            raise self._failed(action, region, exc) from None

    def pages(self, client: Any, operation: str, key: str, **kwargs: Any) -> Iterator[Any]:
        """Every item under ``key`` across all pages of a paginated listing."""
        region = client.meta.region_name
        action = action_name(client, operation)
        self._may_start(action, region)
        try:
            for page in client.get_paginator(operation).paginate(**kwargs):
                yield from page.get(key) or []
                self._may_start(action, region)
        except (Denied, ApiFailed):
            raise
        except Exception as exc:
            raise self._failed(action, region, exc) from None

    def rule_defaults(self, rule_id: str) -> dict[str, Any]:
        """The rule's tunables this run applies (``rule_config``; the name the older checks call)."""
        return self.rule_config(rule_id)

    def rule_config(self, rule_id: str) -> dict[str, Any]:
        """The rule's tunables this run applies: the pack's defaults (the gate's), raised to the floors of the
        run's environment (``floors.raised``)."""
        from pms_baseline.live.floors import raised

        return raised(self.environment, rule_id, meta.rule(rule_id).defaults)

    def finding(
        self,
        rule_id: str,
        resource_type: str,
        name: str,
        ident: str,
        message: str,
        region: str = "",
        urn: str = "",
    ) -> Finding:
        """A live finding carrying ``rule_id``'s metadata.

        The resource is named by ``urn`` when given, else by the URN and type the state declared for ``ident``
        (so a live finding and a gate finding about the same resource agree), else by the live type alone.
        """
        r = meta.rule(rule_id)
        if not urn:
            urn, declared = self.state_ids.get(ident, ("", ""))
            resource_type = declared or resource_type
        where = f"{region}: " if region else ""
        return Finding(
            rule=r.id,
            source="live",
            severity=r.severity,
            enforcement=MANDATORY,
            citations=r.citations,
            aws_config_rules=r.aws_config_rules,
            checkov_ids=r.checkov_ids,
            resource=ResourceRef(urn=urn, type=resource_type, name=name, id=ident),
            message=f"{where}{message}",
            remediation=r.remediation,
            title=r.title,
        )
