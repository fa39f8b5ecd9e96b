"""ACM: no certificate of a verified region expires within ``daysToExpiration`` days (AWS Config's
acm-certificate-expiration-check), or has expired.

ListCertificates with every key type (by default it lists RSA 2048 only) and the statuses a certificate can
expire in; its summaries carry ``NotAfter``
(https://docs.aws.amazon.com/acm/latest/APIReference/API_ListCertificates.html).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pms_baseline.live import meta
from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]
STATUSES = ["ISSUED", "EXPIRED"]
"""The statuses of certificates in use or that were; pending, failed and revoked ones secure nothing."""


@collector("acm")
def collect(live: Any, inv: Inventory) -> None:
    acm = live.client("acm", inv.region)
    certs = inv.read(lambda: list(live.pages(acm, "list_certificates", "CertificateSummaryList",
                                             CertificateStatuses=STATUSES, Includes={"keyTypes": KEY_TYPES})))
    if not readable(certs):
        inv.complete = False
        return
    inv.items["certificates"] = certs


def now() -> dt.datetime:
    """The time expiry is measured from (UTC)."""
    return dt.datetime.now(dt.timezone.utc)


def _days_left(not_after: Any, at: dt.datetime) -> int | None:
    if not isinstance(not_after, dt.datetime):
        return None
    when = not_after if not_after.tzinfo else not_after.replace(tzinfo=dt.timezone.utc)
    return (when - at).days


@check("acm-certificate-not-expiring", "acm")
def not_expiring(acct: Account):
    days = int(meta.rule("acm-certificate-not-expiring").defaults["daysToExpiration"])
    at = now()
    for inv in acct.each("acm"):
        for cert in inv.items.get("certificates", []):
            arn, name = cert.get("CertificateArn", ""), cert.get("DomainName", "")
            left = _days_left(cert.get("NotAfter"), at)
            kind = "imported " if cert.get("Type") == "IMPORTED" else ""
            if cert.get("Status") == "EXPIRED" or (left is not None and left < 0):
                message = f"{kind}certificate {name} ({arn}) has expired; renew or replace it (164.312(e)(1))"
            elif left is not None and left < days:
                message = (f"{kind}certificate {name} ({arn}) expires in {left} days, within {days}; renew it "
                           "(164.312(e)(1))")
            else:
                continue
            yield acct.live.finding("acm-certificate-not-expiring", t.ACM_CERTIFICATE, name, arn, message,
                                    inv.region)
