"""AccountGuardrails: password policy, S3 public access block, EBS encryption, Access Analyzer."""

from __future__ import annotations

import pytest

from pms_baseline_infra.components.guardrails import AccountGuardrails, AccountGuardrailsArgs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import PHI_KEY, only, preview, tags_for


@pytest.fixture(scope="module")
def doc():
    return preview(
        lambda: AccountGuardrails("pms", AccountGuardrailsArgs(ebs_key_arn=PHI_KEY, tags=tags_for("prod"))),
        "prod",
    )


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        ("minimumPasswordLength", 14),
        ("passwordReusePrevention", 24),
        ("maxPasswordAge", 90),
        ("requireLowercaseCharacters", True),
        ("requireUppercaseCharacters", True),
        ("requireNumbers", True),
        ("requireSymbols", True),
        ("allowUsersToChangePassword", True),
    ],
)
def test_password_policy(doc, prop, value):
    assert only(doc, t.IAM_ACCOUNT_PASSWORD_POLICY).props[prop] == value


@pytest.mark.parametrize(
    "flag", ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]
)
def test_account_public_access_block(doc, flag):
    assert only(doc, t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK).props[flag] is True


def test_ebs_encryption_by_default(doc):
    assert only(doc, t.EBS_ENCRYPTION_BY_DEFAULT).props["enabled"] is True


def test_ebs_default_key(doc):
    assert only(doc, t.EBS_DEFAULT_KMS_KEY).props["keyArn"] == PHI_KEY


def test_access_analyzer(doc):
    assert only(doc, t.ACCESS_ANALYZER).props["type"] == "ACCOUNT"
