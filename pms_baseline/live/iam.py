"""IAM (account-wide): a strong password policy exists and the root user has no access keys."""

from __future__ import annotations

from pms_baseline.live.registry import GLOBAL, Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t

ACCOUNT_TYPE = "aws:account"


@collector("iam", scope=GLOBAL)
def collect(live, inv: Inventory) -> None:
    iam = live.client("iam", live.home_region)
    inv.items["password_policy"] = inv.read(
        lambda: (live.call(iam, "get_account_password_policy", missing=("NoSuchEntity",)) or {}).get(
            "PasswordPolicy"
        )
    )
    inv.items["summary"] = inv.read(lambda: live.call(iam, "get_account_summary")["SummaryMap"])


@check("iam-password-policy-present", "iam")
def password_policy_present(acct: Account):
    inv = acct.get("iam")
    if "password_policy" in inv.items and inv.items["password_policy"] is None:
        yield acct.live.finding(
            "iam-password-policy-present",
            t.IAM_ACCOUNT_PASSWORD_POLICY,
            "password-policy",
            acct.live.account_id,
            "the account has no IAM password policy, so AWS's weak default applies; "
            "deploy AccountGuardrails (164.308(a)(5)(ii)(D))",
        )


@check("iam-password-policy-strong", "iam")
def password_policy_strong(acct: Account):
    policy = acct.get("iam").items.get("password_policy")
    if not policy or not readable(policy):
        return
    props = {
        "minimumPasswordLength": policy.get("MinimumPasswordLength"),
        "passwordReusePrevention": policy.get("PasswordReusePrevention"),
        "maxPasswordAge": policy.get("MaxPasswordAge"),
        "requireLowercaseCharacters": policy.get("RequireLowercaseCharacters"),
        "requireUppercaseCharacters": policy.get("RequireUppercaseCharacters"),
        "requireNumbers": policy.get("RequireNumbers"),
        "requireSymbols": policy.get("RequireSymbols"),
    }
    for msg in judge("iam-password-policy-strong", props):
        yield acct.live.finding(
            "iam-password-policy-strong",
            t.IAM_ACCOUNT_PASSWORD_POLICY,
            "password-policy",
            acct.live.account_id,
            f"password policy: {msg}",
        )


@check("iam-root-access-key-absent", "iam")
def root_access_key_absent(acct: Account):
    summary = acct.get("iam").items.get("summary")
    if summary and readable(summary) and summary.get("AccountAccessKeysPresent"):
        yield acct.live.finding(
            "iam-root-access-key-absent",
            ACCOUNT_TYPE,
            "root",
            f"arn:{acct.live.partition}:iam::{acct.live.account_id}:root",
            "AccountAccessKeysPresent is 1: the root user has an access key; "
            "delete it and use roles (164.312(a)(1))",
        )
