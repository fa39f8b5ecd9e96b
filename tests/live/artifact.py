"""AWS Artifact for the tests: moto does not implement it (it answers 404 "Not yet implemented"), so an emulated
account that must verify clean is given ListCustomerAgreements answers here, in the API's documented shape
(https://docs.aws.amazon.com/artifact/latest/APIReference/API_ListCustomerAgreements.html).

``answer_agreements(session)`` makes every client the session creates afterwards get them, before moto (or the
network) is asked; ``ARTIFACT_FAULT`` gives the same answer through the faulty proxy of ``tests/adversarial``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from botocore.awsrequest import AWSResponse

ACCOUNT = "123456789012"
ACCEPTED = dt.datetime(2026, 9, 22, 14, 5, tzinfo=dt.timezone.utc)
TERMINATED = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.timezone.utc)
ORGANIZATION = "arn:aws:organizations::111122223333:organization/o-exampleorgid"


def agreement(
    name: str = "AWS Business Associate Addendum",
    state: str = "ACTIVE",
    *,
    ident: str = "customer-agreement-baa",
    organization: str = "",
    ended: dt.datetime | None = None,
) -> dict[str, Any]:
    """A ``CustomerAgreementSummary`` as boto3 returns it (timestamps as datetimes)."""
    out: dict[str, Any] = {
        "name": name,
        "arn": f"arn:aws:artifact::{ACCOUNT}:customer-agreement/{ident}",
        "id": ident,
        "agreementArn": "arn:aws:artifact:::agreement/agreement-baa",
        "awsAccountId": "111122223333" if organization else ACCOUNT,
        "effectiveStart": ACCEPTED,
        "state": state,
        "description": name,
        "type": "DEFAULT",
    }
    if organization:
        out["organizationArn"] = organization
    if ended is not None:
        out["effectiveEnd"] = ended
    return out


ACTIVE_BAA = agreement()


def wire(agreements: list[dict[str, Any]]) -> bytes:
    """The JSON body AWS sends: timestamps as epoch seconds, as rest-json carries them."""

    def plain(value: Any) -> Any:
        return value.timestamp() if isinstance(value, dt.datetime) else value

    return json.dumps({"customerAgreements": [{k: plain(v) for k, v in a.items()} for a in agreements]}).encode()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self, **_: Any):
        yield self.data


def answer_agreements(session: Any, agreements: list[dict[str, Any]] | None = None) -> None:
    """Answer ``artifact:ListCustomerAgreements`` on ``session``'s clients with ``agreements`` (an active BAA)."""
    body = wire([ACTIVE_BAA] if agreements is None else agreements)

    def send(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, {"Content-Type": "application/json"}, _Body(body))

    session.events.register_first("before-send.artifact.ListCustomerAgreements", send)


ARTIFACT_ANSWER = (200, "application/json", wire([ACTIVE_BAA]))
"""``(status, content type, body)`` for a ``tests.adversarial.faults.Fault`` on service ``artifact``."""


def answer_in_new_sessions(monkeypatch: Any, agreements: list[dict[str, Any]] | None = None) -> None:
    """Make the sessions ``pms-baseline verify`` creates (``runner.make_session``) answer ListCustomerAgreements,
    for the tests that run the command against a moto server."""
    from pms_baseline.live import runner

    made = runner.make_session

    def make(profile: str | None = None) -> Any:
        session = made(profile)
        answer_agreements(session, agreements)
        return session

    monkeypatch.setattr(runner, "make_session", make)
