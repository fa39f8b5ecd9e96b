import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.backup.backup_vault_lock_enabled import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

VAULT = res(
    t.BACKUP_VAULT,
    "pms-vault",
    name="pms-vault-1a2b3c4",
    arn=f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:pms-vault-1a2b3c4",
)
LOCK = urn(t.BACKUP_VAULT_LOCK, "pms-vault-lock")


def lock(min_days=35, changeable=3, vault="pms-vault-1a2b3c4"):
    props = {"backupVaultName": vault, "minRetentionDays": min_days, "maxRetentionDays": 3650}
    if changeable is not None:
        props["changeableForDays"] = changeable
    return res(t.BACKUP_VAULT_LOCK, "pms-vault-lock", **props)


GOVERNANCE = Violation(
    "vault pms-vault-1a2b3c4 lock changeableForDays is unset, so the lock is in governance mode and can be "
    "removed; set changeable_for_days (3 or more) to lock in compliance mode (164.308(a)(7)(ii)(A))",
    LOCK,
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([VAULT, lock()], [], id="pass-compliance-mode"),
        pytest.param([VAULT, lock(min_days=7.0, changeable=3.0)], [], id="pass-numbers-as-floats"),
        pytest.param(
            [VAULT],
            [
                Violation(
                    "vault pms-vault-1a2b3c4 has no VaultLockConfiguration, so recovery points can be "
                    "deleted; declare one with min_retention_days=7 or more in compliance mode "
                    "(164.308(a)(7)(ii)(A))",
                    urn(t.BACKUP_VAULT, "pms-vault"),
                )
            ],
            id="fail-no-lock",
        ),
        pytest.param(
            [VAULT, lock(min_days=1)],
            [
                Violation(
                    "vault pms-vault-1a2b3c4 lock minRetentionDays is 1, below the minimum of 7; set "
                    "min_retention_days=7 or more (164.308(a)(7)(ii)(A))",
                    LOCK,
                )
            ],
            id="fail-short-retention",
        ),
        pytest.param([VAULT, lock(changeable=None)], [GOVERNANCE], id="fail-governance-mode"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected


def test_minimum_retention_is_tunable():
    assert rule.run_stack([VAULT, lock(min_days=14)], {"minimumRetentionDays": 35}) == [
        Violation(
            "vault pms-vault-1a2b3c4 lock minRetentionDays is 14, below the minimum of 35; set "
            "min_retention_days=35 or more (164.308(a)(7)(ii)(A))",
            LOCK,
        )
    ]


def test_compliance_mode_requirement_is_tunable():
    assert rule.run_stack([VAULT, lock(changeable=None)], {"requireComplianceMode": False}) == []
