"""The IAM credential report (account-wide): the root user's MFA, and each IAM user's MFA, key age and unused
credentials, as AWS Config's HIPAA rules judge them.

The report is asked for with GenerateCredentialReport and read with GetCredentialReport; AWS builds it
asynchronously, so the wait is bounded: ``POLL_WAITS`` seconds between at most ``len(POLL_WAITS) + 1`` tries
(7 s in all), never past the run's deadline, and a report still not ready is a ``live-api-error`` finding
("credential report not ready") while the other checks go on. Its columns and values are AWS's
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html): one row per IAM user,
plus ``<root_account>`` for the root user; dates in ISO 8601; ``N/A``, ``no_information`` or ``not_supported``
where there is no date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from typing import Any

from pms_baseline.live import meta
from pms_baseline.live.context import ApiFailed
from pms_baseline.live.registry import GLOBAL, Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

ROOT = "<root_account>"
ROOT_TYPE = "aws:account"
POLL_WAITS = (1.0, 2.0, 4.0)
"""Seconds to wait between tries when the report is not ready yet (capped exponential backoff)."""
NOT_READY = ("ReportInProgress", "ReportNotPresent", "ReportExpired")
"""GetCredentialReport's answers when no current report can be read yet (HTTP 404 and 410)."""
ROOT_VIRTUAL_MFA = "root-account-mfa-device"
"""The name AWS gives the root user's virtual MFA device (``arn:aws:iam::<account>:mfa/root-account-mfa-device``)."""

sleep = time.sleep
"""The wait between polls; tests replace it, so no test sleeps for real."""


def now() -> dt.datetime:
    """The time credentials' ages are measured at (UTC); tests replace it to age them."""
    return dt.datetime.now(dt.timezone.utc)


def _when(value: str) -> dt.datetime | None:
    """A report date, or None for ``N/A``, ``no_information``, ``not_supported`` and anything else."""
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def parse(content: Any) -> list[dict[str, str]]:
    """The report's rows (botocore has already decoded the Base64 into bytes)."""
    text = content.decode("utf-8") if isinstance(content, (bytes, bytearray)) else str(content)
    return [dict(row) for row in csv.DictReader(io.StringIO(text))]


def _report(live: Any, iam: Any, inv: Inventory) -> list[dict[str, str]] | None:
    tries = len(POLL_WAITS) + 1
    for attempt in range(tries):
        live.call(iam, "generate_credential_report")
        got = live.call(iam, "get_credential_report", missing=NOT_READY)
        if got is not None:
            return parse(got.get("Content", b""))
        if attempt + 1 == tries or time.monotonic() + POLL_WAITS[attempt] > live.deadline:
            break
        sleep(POLL_WAITS[attempt])
    waited = sum(POLL_WAITS[: attempt])
    inv.failed.append(ApiFailed("iam:GetCredentialReport", "NotReady", live.home_region,
                                f"credential report not ready after {attempt + 1} tries over {waited:g} s; the root "
                                "and IAM user credential checks did not run"))
    return None


@collector("credential_report", scope=GLOBAL)
def collect(live: Any, inv: Inventory) -> None:
    iam = live.client("iam", live.home_region)
    rows = inv.read(lambda: _report(live, iam, inv))
    if not readable(rows) or rows is None:
        inv.complete = False
        return
    inv.items["rows"] = rows
    root = next((r for r in rows if r.get("user") == ROOT), None)
    if root is not None and root.get("mfa_active") == "true":
        inv.items["assigned_virtual_mfa"] = inv.read(lambda: list(live.pages(
            iam, "list_virtual_mfa_devices", "VirtualMFADevices", AssignmentStatus="Assigned")))


def _rows(acct: Account) -> tuple[dict[str, str] | None, list[dict[str, str]]]:
    """(the root row, the IAM users' rows); no rows when the report could not be read."""
    inv = acct.get("credential_report")
    rows = inv.items.get("rows") if inv.complete else None
    if not rows:
        return None, []
    return next((r for r in rows if r.get("user") == ROOT), None), [r for r in rows if r.get("user") != ROOT]


def _root_arn(live: Any) -> str:
    return f"arn:{live.partition}:iam::{live.account_id}:root"


def _root_finding(acct: Account, rule: str, message: str):
    return acct.live.finding(rule, ROOT_TYPE, "root", _root_arn(acct.live), message)


def _user_finding(acct: Account, rule: str, row: dict[str, str], message: str):
    return acct.live.finding(rule, t.IAM_USER, row.get("user", ""), row.get("arn", ""),
                             f"IAM user {row.get('user', '')}: {message}")


# A report without the <root_account> row (moto's has none) leaves the root checks unjudged: AWS Config's root
# rules are NOT_APPLICABLE when root user credentials are not present (root-account-mfa-enabled.html).
@check("root-account-mfa-enabled", "credential_report")
def root_mfa(acct: Account):
    root, _ = _rows(acct)
    if root is not None and root.get("mfa_active") != "true":
        yield _root_finding(acct, "root-account-mfa-enabled",
                            f"the credential report shows mfa_active {root.get('mfa_active')!r} for the root user: it "
                            "signs in with a password alone; assign it an MFA device, a hardware one (164.312(d))")


@check("root-account-hardware-mfa-enabled", "credential_report")
def root_hardware_mfa(acct: Account):
    root, _ = _rows(acct)
    if root is None:
        return
    if root.get("mfa_active") != "true":
        yield _root_finding(acct, "root-account-hardware-mfa-enabled",
                            "the root user has no MFA device, so no hardware one; assign a hardware MFA device "
                            "(164.312(d))")
        return
    devices = acct.get("credential_report").items.get("assigned_virtual_mfa")
    if not readable(devices) or devices is None:
        return
    virtual = [d.get("SerialNumber", "") for d in devices
               if (d.get("User") or {}).get("Arn") == _root_arn(acct.live)
               or str(d.get("SerialNumber", "")).endswith(f":mfa/{ROOT_VIRTUAL_MFA}")]
    for serial in virtual:
        yield _root_finding(acct, "root-account-hardware-mfa-enabled",
                            f"the root user signs in with the virtual MFA device {serial}; replace it with a "
                            "hardware MFA device (164.312(d))")


@check("iam-access-keys-rotated", "credential_report")
def access_keys_rotated(acct: Account):
    _, users = _rows(acct)
    days = int(meta.rule("iam-access-keys-rotated").defaults["maxAccessKeyAge"])
    at = now()
    for row in users:
        for n in (1, 2):
            rotated = _when(row.get(f"access_key_{n}_last_rotated", ""))
            if row.get(f"access_key_{n}_active") == "true" and rotated and (at - rotated).days > days:
                yield _user_finding(acct, "iam-access-keys-rotated", row,
                                    f"active access key {n} was last rotated {(at - rotated).days} days ago, more "
                                    f"than {days}; rotate it, or better, use a role (164.308(a)(5)(ii)(D))")


def _unused(row: dict[str, str], at: dt.datetime, days: int) -> list[str]:
    """Each active credential of ``row`` not used for more than ``days`` days (never used: since it was set)."""
    created = _when(row.get("user_creation_time", ""))
    found = []
    if row.get("password_enabled") == "true":
        since = _when(row.get("password_last_used", "")) or _when(row.get("password_last_changed", "")) or created
        if since and (at - since).days > days:
            found.append(f"its console password has not been used for {(at - since).days} days")
    for n in (1, 2):
        if row.get(f"access_key_{n}_active") != "true":
            continue
        since = (_when(row.get(f"access_key_{n}_last_used_date", ""))
                 or _when(row.get(f"access_key_{n}_last_rotated", "")) or created)
        if since and (at - since).days > days:
            found.append(f"active access key {n} has not been used for {(at - since).days} days")
    return found


@check("iam-user-credentials-recently-used", "credential_report")
def credentials_recently_used(acct: Account):
    _, users = _rows(acct)
    days = int(meta.rule("iam-user-credentials-recently-used").defaults["maxCredentialUsageAge"])
    for row in users:
        for what in _unused(row, now(), days):
            yield _user_finding(acct, "iam-user-credentials-recently-used", row,
                                f"{what}, more than {days}; disable or delete it (164.308(a)(3)(ii)(C))")


@check("iam-console-user-mfa-enabled", "credential_report")
def console_user_mfa(acct: Account):
    _, users = _rows(acct)
    for row in users:
        if row.get("password_enabled") == "true" and row.get("mfa_active") != "true":
            yield _user_finding(acct, "iam-console-user-mfa-enabled", row,
                                "has a console password and no MFA device; assign one, or remove the password "
                                "(164.312(d))")


@check("iam-user-mfa-enabled", "credential_report")
def user_mfa(acct: Account):
    """Users without a console password; a console user without MFA is iam-console-user-mfa-enabled's finding,
    which names both AWS Config rules (one finding per problem)."""
    _, users = _rows(acct)
    for row in users:
        if row.get("password_enabled") != "true" and row.get("mfa_active") != "true":
            yield _user_finding(acct, "iam-user-mfa-enabled", row,
                                "has no MFA device; assign one, or delete the user if nobody signs in as it "
                                "(164.312(d))")
