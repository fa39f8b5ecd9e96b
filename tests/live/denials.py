"""A denied call, as AWS answers it, for the live checks' tests of what an unreadable setting does."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any


def deny(session: Any, service: str, operation: str, code: str = "AccessDeniedException") -> None:
    """Answer every ``service`` ``operation`` call on ``session``'s clients with ``code`` (HTTP 403), unsent."""

    def answer(**_: Any):
        return SimpleNamespace(status_code=403, headers={}), {
            "Error": {"Code": code, "Message": f"{code} (test)"}, "ResponseMetadata": {"HTTPStatusCode": 403}}

    session.events.register(f"before-call.{service}.{operation}", answer)


def denied(action: str, region: str = "us-east-1", code: str = "AccessDeniedException") -> str:
    """The live-api-access-denied finding's message for ``action``."""
    return f"{region}: {action} was denied ({code}), so the checks that need it could not run; grant it"
