"""Secrets Manager secrets read live from ListSecrets alone: the key under secretsmanager-secret-kms-encrypted,
and a deleted secret missing against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "secretsmanager-secret-kms-encrypted"
KEY = "arn:aws:kms:us-east-1:123456789012:key/0b1d2c3a-1111-2222-3333-444455556666"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def secret(account, name="records-api", key=KEY):
    extra = {"KmsKeyId": key} if key else {}
    return account.client("secretsmanager").create_secret(Name=name, SecretString="s3cr3t", **extra)["ARN"]


def exercise(account):
    """One secret under a customer-managed key: verify lists it (secretsmanager:ListSecrets)."""
    return secret(account)


def judged(account):
    """The rule's findings on the test's own secrets (the baseline account's are its own business)."""
    return [f for f in findings(account, RULE) if f[0].startswith("records-api")]


def test_a_secret_under_a_customer_managed_key_passes(account):
    secret(account)
    assert judged(account) == []


def test_a_secret_under_the_aws_managed_key_is_a_finding(account):
    secret(account, key=None)
    assert judged(account) == [(
        "records-api", R + "secret records-api: kmsKeyId is unset, so AWS uses its managed key; set kms_key_id to "
        "the secrets key (164.312(a)(2)(iv))")]


def test_a_deleted_secret_is_missing(account):
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:records-api-AbCdEf"
    declared = resource(t.SECRET, "records-api", arn, arn=arn, kmsKeyId=KEY)
    declared["inputs"]["name"] = declared["outputs"]["name"] = "records-api"
    state = state_of(declared)
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["records-api"]
