"""Drift in RDS: a database made public, less protected or less backed up; an unencrypted snapshot shared
publicly."""

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto

DB = "pms-prod-db"


def _modify_db(account, **kwargs):
    account.client("rds").modify_db_instance(DBInstanceIdentifier=DB, ApplyImmediately=True, **kwargs)


def test_database_made_public(account):
    _modify_db(account, PubliclyAccessible=True)
    assert account.findings() == [
        (
            "rds-instance-not-publicly-accessible",
            R + f"database {DB}: publiclyAccessible is true; use PhiDatabase or set "
            "publicly_accessible=False so the "
            "database is reachable only from the app tier (164.312(a)(1))",
        )
    ]


def test_database_backups_shortened(account):
    _modify_db(account, BackupRetentionPeriod=3)
    assert account.findings() == [
        (
            "rds-instance-backup-retention-minimum",
            R + f"database {DB}: backupRetentionPeriod is 3, below the minimum of 7 days; use "
            "PhiDatabase or set "
            "backup_retention_period=7 or more (164.308(a)(7)(ii)(A))",
        )
    ]


def test_database_deletion_protection_off(account):
    _modify_db(account, DeletionProtection=False)
    assert account.findings() == [
        (
            "rds-instance-deletion-protection-enabled",
            R + f"database {DB}: deletionProtection is false; use PhiDatabase or set "
            "deletion_protection=True so the "
            "PHI database cannot be destroyed by one command (164.312(c)(1))",
        )
    ]


def test_database_iam_authentication_off(account):
    _modify_db(account, EnableIAMDatabaseAuthentication=False)
    assert account.findings() == [
        (
            "rds-instance-iam-authentication-enabled",
            R + f"database {DB}: iamDatabaseAuthenticationEnabled is false; use PhiDatabase or set "
            "iam_database_authentication_enabled=True so each user authenticates with their own "
            "identity (164.312(d))",
        )
    ]


def test_unencrypted_snapshot_shared_publicly(account):
    rds = account.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="scratch",
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage=20,
        MasterUsername="admin",
        MasterUserPassword="Scratch-password-1",
        StorageEncrypted=False,
        BackupRetentionPeriod=1,
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="scratch-export", DBInstanceIdentifier="scratch")
    rds.delete_db_instance(DBInstanceIdentifier="scratch", SkipFinalSnapshot=True)
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="scratch-export", AttributeName="restore", ValuesToAdd=["all"]
    )
    assert account.findings() == [
        (
            "rds-snapshot-encrypted",
            R + "snapshot scratch-export: encrypted is false; snapshot only instances with storage "
            "encrypted by the PHI "
            "data key, or copy the snapshot with kms_key_id set to a customer-managed key "
            "(164.312(a)(2)(iv))",
        ),
        (
            "rds-snapshot-not-public",
            R + "snapshot scratch-export: sharedAccounts includes 'all', which makes the snapshot "
            "restorable by any "
            "AWS account; remove it (164.312(a)(1))",
        ),
    ]


def test_tags_no_longer_copied_to_snapshots(account):
    """A setting judged by a rule read live through rds_settings, and compared as drift by drift's RDS settings."""
    _modify_db(account, CopyTagsToSnapshot=False)
    got = account.findings(state=True)
    assert [rule for rule, _ in got] == ["live-setting-drift", "rds-instance-copy-tags-to-snapshot"]
    assert got[0][1].endswith(": copyTagsToSnapshot is False in the account, True in the state")
    assert got[1][1].startswith(R + f"database {DB}: copyTagsToSnapshot is false")
