"""Drift in AWS Backup: the vault lock removed, the backup plan deleted."""

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto


def test_backup_vault_lock_removed(account):
    account.client("backup").delete_backup_vault_lock_configuration(BackupVaultName="pms-prod-vault")
    assert account.findings() == [
        (
            "backup-vault-lock-enabled",
            R
            + "backup vault pms-prod-vault: Locked is false, so recovery points can be deleted early; put a "
            "vault lock with min_retention_days=7 and changeable_for_days set (164.308(a)(7)(ii)(A))",
        )
    ]


def test_backup_plan_deleted(account):
    backup = account.client("backup")
    backup.delete_backup_plan(BackupPlanId=account.resource("pms-plan").id)
    assert account.findings() == [
        (
            "backup-plan-present",
            R + "no AWS Backup plan in the region, so databases pms-prod-db have only automated backups; "
            "deploy "
            "BackupVault (164.308(a)(7)(ii)(A))",
        ),
        (  # AWS deletes a plan only once its selections are gone: the database is in none now
            "backup-selection-covers-rds-instances",
            R + "RDS instance arn:aws:rds:us-east-1:123456789012:db:pms-prod-db is in no backup selection's "
            "resources; add it to the BackupVault component's protected_resource_arns (164.308(a)(7)(ii)(A))",
        ),
    ]
