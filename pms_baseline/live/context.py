"""What every live check gets: clients with retries, denied calls turned into findings, a finding builder.

Checks call AWS only through ``Live.call`` and ``Live.pages``: botocore's adaptive retry mode backs off on
throttling, a throttle that outlasts it gets a few slower retries here, and an AccessDenied is raised as
``Denied`` so the runner reports it as a finding and the other checks go on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from pms_baseline.findings import MANDATORY, Finding, ResourceRef
from pms_baseline.live import meta
from pms_baseline.live.endpoint import path_style_s3control

RETRY_CONFIG = Config(
    retries={"mode": "adaptive", "max_attempts": 8},
    connect_timeout=5,
    read_timeout=30,
    max_pool_connections=32,
)
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
THROTTLE_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "SlowDown",
        "RequestThrottled",
        "RequestThrottledException",
        "ProvisionedThroughputExceededException",
    }
)
EXTRA_THROTTLE_RETRIES = 3
THROTTLE_BASE_SECONDS = 1.0


class Denied(Exception):
    """An API call the verifying identity may not make."""

    def __init__(self, action: str, code: str, region: str) -> None:
        super().__init__(f"{action} denied ({code}) in {region}")
        self.action, self.code, self.region = action, code, region


class ApiFailed(Exception):
    """An API call that kept failing (throttled past every retry, or a service error)."""

    def __init__(self, action: str, code: str, region: str, detail: str) -> None:
        super().__init__(f"{action} failed in {region}: {code}: {detail}")
        self.action, self.code, self.region, self.detail = action, code, region, detail


def error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def action_name(client: Any, operation: str) -> str:
    """The IAM action of a client method, e.g. ``s3:GetBucketPolicy``."""
    model = client.meta.service_model
    op = client.meta.method_to_api_mapping.get(operation, operation)
    return f"{model.signing_name}:{op}"


@dataclass
class Live:
    """One verify run's clients, account identity and the state it compares against."""

    session: Any
    account_id: str
    home_region: str
    partition: str = "aws"
    endpoint_url: str | None = None
    max_workers: int = 8
    """Bound on concurrent calls, for service/region collectors and for per-bucket reads alike."""
    state_ids: dict[str, tuple[str, str]] = field(default_factory=dict)
    """provider id or ARN -> (urn, type) of the state's resource, so a live finding names the declared URN."""
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, service: str, region: str) -> Any:
        """A client per service and region; created under a lock because boto3 sessions are not "
        "thread-safe."""
        with self._lock:
            key = (service, region)
            if key not in self._clients:
                client = self.session.client(
                    service, region_name=region, endpoint_url=self.endpoint_url, config=RETRY_CONFIG
                )
                if self.endpoint_url:
                    path_style_s3control(client)
                self._clients[key] = client
            return self._clients[key]

    def call(self, client: Any, operation: str, *, missing: tuple[str, ...] = (), **kwargs: Any) -> Any:
        """Call ``operation``; return None for an error code in ``missing`` (the setting is absent)."""
        region = client.meta.region_name
        for attempt in range(EXTRA_THROTTLE_RETRIES + 1):
            try:
                return getattr(client, operation)(**kwargs)
            except ClientError as exc:
                code = error_code(exc)
                if code in missing:
                    return None
                if code in DENIED_CODES:
                    raise Denied(action_name(client, operation), code, region) from None
                if code in THROTTLE_CODES and attempt < EXTRA_THROTTLE_RETRIES:
                    time.sleep(THROTTLE_BASE_SECONDS * 2**attempt)
                    continue
                message = str(exc.response.get("Error", {}).get("Message", ""))
                raise ApiFailed(action_name(client, operation), code, region, message) from None
            except BotoCoreError as exc:  # connection lost, timeouts: a finding, not a crash
                action = action_name(client, operation)
                raise ApiFailed(action, type(exc).__name__, region, str(exc)) from None
        raise AssertionError("unreachable")

    def pages(self, client: Any, operation: str, key: str, **kwargs: Any) -> Iterator[Any]:
        """Every item under ``key`` across all pages of a paginated listing."""
        paginator = client.get_paginator(operation)
        region = client.meta.region_name
        try:
            for page in paginator.paginate(**kwargs):
                yield from page.get(key) or []
        except ClientError as exc:
            code = error_code(exc)
            if code in DENIED_CODES:
                raise Denied(action_name(client, operation), code, region) from None
            message = str(exc.response.get("Error", {}).get("Message", ""))
            raise ApiFailed(action_name(client, operation), code, region, message) from None
        except BotoCoreError as exc:
            raise ApiFailed(action_name(client, operation), type(exc).__name__, region, str(exc)) from None

    def rule_defaults(self, rule_id: str) -> dict[str, Any]:
        """The rule's tunables at their defaults (the same thresholds the gate applies)."""
        return dict(meta.rule(rule_id).defaults)

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
