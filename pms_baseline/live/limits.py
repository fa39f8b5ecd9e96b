"""How long one verify API call may take, and one run: the bounds ``verify`` enforces and the README states.

Kept apart from ``context`` so the command line can show the defaults without importing botocore.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONNECT_TIMEOUT_CAP = 5.0
"""Seconds to open a connection, at most (and never more than the call timeout)."""
BACKOFF_CAP = 20.0
RETRY_AFTER_CAP = 5.0
"""botocore's standard mode sleeps rand * min(2**(attempt-1), 20) s before a retry (1 s scale for throttling,
less otherwise), up to 5 s more when the answer carries x-amz-retry-after."""


@dataclass(frozen=True)
class CallLimits:
    """How long one API call may take, and one run."""

    call_timeout: float = 10.0
    """Seconds each HTTP attempt may wait to read an answer (and, up to 5 s, to connect)."""
    max_attempts: int = 3
    """HTTP attempts per call, the first included (botocore's ``total_max_attempts``)."""
    run_timeout: float = 900.0
    """Seconds after which a run starts no more calls; those not started become findings."""

    @property
    def connect_timeout(self) -> float:
        return min(self.call_timeout, CONNECT_TIMEOUT_CAP)

    @property
    def worst_call_seconds(self) -> float:
        """The longest one call can take: every attempt waits out both timeouts, every backoff is the longest."""
        backoff = sum(min(2.0 ** (i - 1), BACKOFF_CAP) + RETRY_AFTER_CAP for i in range(1, self.max_attempts))
        return self.max_attempts * (self.connect_timeout + self.call_timeout) + backoff

    @property
    def worst_identity_seconds(self) -> float:
        """The identity check makes one attempt: an unreachable account is an input error, not worth retrying."""
        return self.connect_timeout + self.call_timeout

    def config(self, attempts: int | None = None) -> Any:
        """The botocore client config that enforces these limits (``attempts`` overrides ``max_attempts``)."""
        from botocore.config import Config

        return Config(
            retries={"mode": "standard", "total_max_attempts": attempts or self.max_attempts},
            connect_timeout=self.connect_timeout,
            read_timeout=self.call_timeout,
            max_pool_connections=32,
        )

    def to_json(self) -> dict[str, float]:
        return {
            "call_timeout_seconds": self.call_timeout,
            "max_attempts": self.max_attempts,
            "run_timeout_seconds": self.run_timeout,
            "worst_call_seconds": self.worst_call_seconds,
        }
