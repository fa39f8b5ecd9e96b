"""EFS file systems read live: encryption at rest under efs-file-system-encrypted, and drift against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "efs-file-system-encrypted"
KEY = "arn:aws:kms:us-east-1:123456789012:key/0b1d2c3a-1111-2222-3333-444455556666"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def file_system(account, encrypted=True):
    extra = {"KmsKeyId": KEY} if encrypted else {}
    return account.client("efs").create_file_system(CreationToken="records", Encrypted=encrypted,
                                                    **extra)["FileSystemId"]


def exercise(account):
    """One encrypted file system: verify lists it (elasticfilesystem:DescribeFileSystems)."""
    return file_system(account)


def test_an_encrypted_file_system_passes(account):
    file_system(account)
    assert findings(account, RULE) == []


def test_an_unencrypted_file_system_is_a_finding(account):
    fs = file_system(account, encrypted=False)
    assert findings(account, RULE) == [(
        fs, R + f"file system {fs}: encrypted is false; set encrypted=True with a customer-managed kms_key_id "
        "(164.312(a)(2)(iv))")]


def test_an_unencrypted_file_system_is_drift_from_an_encrypted_one(account):
    fs = file_system(account, encrypted=False)
    state = state_of(resource(t.EFS_FILE_SYSTEM, "records", fs, creationToken="records", encrypted=True,
                              performanceMode="generalPurpose"))
    assert findings(account, "live-setting-drift", state) == [
        ("records", "records: encrypted is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_file_system_is_missing(account):
    state = state_of(resource(t.EFS_FILE_SYSTEM, "records", "fs-0123456789abcdef0", encrypted=True))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["records"]
