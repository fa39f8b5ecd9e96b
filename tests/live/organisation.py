"""What an account gets outside the baseline, for the emulated accounts of the tests.

- Security Hub: the baseline leaves it to the organisation (its delegated administrator enables it in every
  member account), and verify's ``securityhub-enabled`` checks it; an emulated account that must verify clean
  has it enabled here.
- The root user: moto's credential report has no ``<root_account>`` row, which AWS's always has
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html); ``root_row`` adds one,
  and ``root_virtual_mfa`` gives root the virtual MFA device AWS names ``root-account-mfa-device``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3

ACCOUNT = "123456789012"
ROOT_ROW = ("<root_account>,arn:aws:iam::{account}:root,2025-01-06T09:00:00+00:00,not_supported,"
            "2026-11-20T08:00:00+00:00,not_supported,not_supported,{mfa},{key},{rotated},N/A,N/A,N/A,"
            "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
"""The root user's row as AWS writes it: password_enabled and the rotation columns are not_supported for root."""


def enable_security_hub(session: Any = None, regions: tuple[str, ...] = ("us-east-1",),
                        endpoint_url: str | None = None) -> None:
    """Enable Security Hub in ``regions``, as the organisation does."""
    session = session or boto3.Session()
    for region in regions:
        session.client("securityhub", region_name=region, endpoint_url=endpoint_url).enable_security_hub()


def root_row(monkeypatch: Any, mfa: bool = True, access_key: bool = False) -> None:
    """Make moto's credential report begin with the root user's row (in-process moto, server threads included)."""
    from moto.iam.models import IAMBackend

    original = IAMBackend.get_credential_report

    def report(self: Any) -> str:
        header, _, users = original(self).partition("\n")
        row = ROOT_ROW.format(account=self.account_id, mfa=str(mfa).lower(), key=str(access_key).lower(),
                              rotated="2026-01-05T10:00:00+00:00" if access_key else "N/A")
        return f"{header}\n{row}\n{users}"

    monkeypatch.setattr(IAMBackend, "get_credential_report", report)


def root_virtual_mfa(client: Any, account: str = ACCOUNT) -> str:
    """Assign root a virtual MFA device, as the root user's console does (no API can); returns its serial."""
    from moto.iam.models import iam_backends

    serial = client.create_virtual_mfa_device(VirtualMFADeviceName="root-account-mfa-device")["VirtualMFADevice"][
        "SerialNumber"]
    iam_backends[account]["global"].virtual_mfa_devices[serial].enable_date = dt.datetime.now(dt.timezone.utc)
    return serial
