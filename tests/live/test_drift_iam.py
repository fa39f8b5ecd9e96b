"""Drift in IAM: the password policy weakened or deleted, a root access key created."""

import pytest

from pms_baseline.emulate import simulate_root_access_key

pytestmark = pytest.mark.moto


def test_password_policy_weakened(account):
    account.client("iam").update_account_password_policy(
        MinimumPasswordLength=8,
        PasswordReusePrevention=24,
        MaxPasswordAge=90,
        RequireSymbols=True,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
    )
    assert account.findings() == [
        (
            "iam-password-policy-strong",
            "password policy: minimumPasswordLength is 8; set minimum_password_length=14 or more "
            "(164.308(a)(5)(ii)(D))",
        )
    ]


def test_password_policy_deleted(account):
    account.client("iam").delete_account_password_policy()
    assert account.findings() == [
        (
            "iam-password-policy-present",
            "the account has no IAM password policy, so AWS's weak default applies; deploy AccountGuardrails "
            "(164.308(a)(5)(ii)(D))",
        )
    ]


def test_root_access_key_created(account):
    simulate_root_access_key()
    assert account.findings() == [
        (
            "iam-root-access-key-absent",
            "AccountAccessKeysPresent is 1: the root user has an access key; delete it and use "
            "roles (164.312(a)(1))",
        )
    ]
