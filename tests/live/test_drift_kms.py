"""Drift in KMS: rotation switched off, a key scheduled for deletion."""

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto


def test_key_rotation_off(account):
    account.client("kms").disable_key_rotation(KeyId=account.resource("pms-phi-key").id)
    assert account.findings() == [
        (
            "kms-key-rotation-enabled",
            R + "key alias/pms-prod-phi: enableKeyRotation is false; use Keyring or set "
            "enable_key_rotation=True "
            "(164.312(a)(2)(iv))",
        )
    ]


def test_key_scheduled_for_deletion(account):
    key = account.resource("pms-phi-key").id
    got = account.client("kms").schedule_key_deletion(KeyId=key, PendingWindowInDays=30)
    when = got["DeletionDate"].date().isoformat()
    assert account.findings() == [
        (
            "kms-key-not-pending-deletion",
            R + f"key alias/pms-prod-phi: KeyState is PendingDeletion (deleted on {when}); run `aws kms "
            f"cancel-key-deletion --key-id {key}` and enable the key (164.312(a)(2)(iv))",
        )
    ]
