"""KMS customer-managed keys read live under kms-key-enabled and kms-key-policy-no-wildcard-principal (DescribeKey,
GetKeyPolicy); a key pending deletion is left to kms-key-not-pending-deletion."""

import json

import pytest

from pms_baseline.live.runner import verify
from tests.live.conftest import R

pytestmark = pytest.mark.moto

ENABLED = "kms-key-enabled"
WILDCARD = "kms-key-policy-no-wildcard-principal"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def key(account, alias="alias/claims", principal=None):
    """A customer-managed key with an alias; its policy names ``principal`` beside the account root."""
    kms = account.client("kms")
    key_id = kms.create_key(Description="claims")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    if principal is not None:
        policy = {"Version": "2012-10-17", "Statement": [
            {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "Anyone", "Effect": "Allow", "Principal": principal, "Action": "kms:Decrypt", "Resource": "*"},
        ]}
        kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=json.dumps(policy))
    return key_id


def exercise(account):
    """One customer-managed key with an alias (ListAliases, ListKeys, DescribeKey, GetKeyRotationStatus,
    GetKeyPolicy)."""
    key(account)


def test_the_baseline_keys_pass(account):
    key(account)
    assert findings(account, ENABLED) == []
    assert findings(account, WILDCARD) == []


def test_a_disabled_key_is_a_finding(account):
    account.client("kms").disable_key(KeyId=key(account))
    assert findings(account, ENABLED) == [(
        "alias/claims", R + "key alias/claims: isEnabled is false, so nothing encrypted with the key can be "
        "decrypted (a key scheduled for deletion is disabled the same way); use Keyring or set is_enabled=True "
        "(164.312(a)(2)(iv))")]


def test_a_key_pending_deletion_is_only_the_pending_deletion_finding(account):
    account.client("kms").schedule_key_deletion(KeyId=key(account), PendingWindowInDays=7)
    assert findings(account, ENABLED) == []
    assert [name for name, _ in findings(account, "kms-key-not-pending-deletion")] == ["alias/claims"]


def test_a_policy_naming_the_account_passes(account):
    key(account, principal={"AWS": "arn:aws:iam::123456789012:role/claims"})
    assert findings(account, WILDCARD) == []


def test_a_policy_allowing_anyone_is_a_finding(account):
    key(account, principal={"AWS": "*"})
    assert findings(account, WILDCARD) == [(
        "alias/claims", R + "key alias/claims: policy statement Anyone allows Principal '*'; name the account root, "
        "roles or service principals that need the key instead (164.312(a)(1))")]
