"""Keyring: one rotating customer-managed key per data class, with service-scoped key policies."""

import pytest

from pms_baseline_infra.components.keyring import ADMIN_ACTIONS, Keyring, KeyringArgs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import ACCOUNT, REGION, only, policy, preview, rule_violations, tags_for

TRAIL = "pms-prod-audit"
TRAIL_ARN = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{TRAIL}"
ROOT = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
CLASSES = ("phi-data", "backups", "audit-logs", "secrets")
CRYPTO = ("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:*")


@pytest.fixture(scope="module")
def built():
    seen = {}

    def body():
        seen["keyring"] = Keyring(
            "pms",
            KeyringArgs(
                account_id=ACCOUNT,
                region=REGION,
                environment="prod",
                trail_name=TRAIL,
                tags=tags_for("prod"),
            ),
        )

    return preview(body, stack="prod"), seen["keyring"]


@pytest.fixture(scope="module")
def doc(built):
    return built[0]


def key(doc, data_class):
    return only(doc, t.KMS_KEY, f"pms-{data_class}")


def statements(doc, data_class):
    return policy(key(doc, data_class).props["policy"])["Statement"]


def statement(doc, data_class, sid):
    found = [s for s in statements(doc, data_class) if s.get("Sid") == sid]
    assert len(found) == 1, f"{data_class} key policy has no single statement {sid}"
    return found[0]


def test_component_token(doc):
    component = only(doc, t.PMS_KEYRING)
    assert component.name == "pms"
    assert all(k.parent == component.urn for k in doc.of_type(t.KMS_KEY, t.KMS_ALIAS))


def test_one_key_per_data_class(built):
    doc, keyring = built
    assert sorted(r.name for r in doc.of_type(t.KMS_KEY)) == sorted(f"pms-{c}" for c in CLASSES)
    assert sorted(keyring.keys) == sorted(CLASSES)
    assert keyring.keys["phi-data"] is keyring.phi_key
    assert keyring.keys["backups"] is keyring.backup_key
    assert keyring.keys["audit-logs"] is keyring.audit_key
    assert keyring.keys["secrets"] is keyring.secrets_key
    assert {key(doc, c).props["tags"]["data-class"] for c in CLASSES} == set(CLASSES)


@pytest.mark.parametrize("data_class", CLASSES)
def test_key_rotation_enabled(doc, data_class):
    assert key(doc, data_class).inputs["enableKeyRotation"] is True


@pytest.mark.parametrize("data_class", CLASSES)
def test_deletion_window_is_30_days(doc, data_class):
    assert key(doc, data_class).inputs["deletionWindowInDays"] == 30


@pytest.mark.parametrize("data_class", CLASSES)
def test_alias_names_stack_and_class(doc, data_class):
    alias = only(doc, t.KMS_ALIAS, f"pms-{data_class}-alias")
    assert alias.inputs["name"] == f"alias/pms-prod-{data_class}"
    assert alias.inputs["targetKeyId"] == key(doc, data_class).outputs["keyId"]


@pytest.mark.parametrize("data_class", CLASSES)
def test_key_policy_has_no_wildcard_principal(doc, data_class):
    for s in statements(doc, data_class):
        principal = s["Principal"]
        assert principal != "*"
        for values in principal.values():
            assert "*" not in (values if isinstance(values, list) else [values])


@pytest.mark.parametrize("data_class", CLASSES)
def test_account_root_administers_key(doc, data_class):
    admin = statement(doc, data_class, "AccountAdministersKey")
    assert admin["Principal"] == ROOT
    assert admin["Effect"] == "Allow"
    assert admin["Action"] == list(ADMIN_ACTIONS)
    assert {"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"} <= set(admin["Action"])


def test_admin_statement_grants_no_cryptographic_use():
    assert not [a for a in ADMIN_ACTIONS if a.startswith(CRYPTO)]


@pytest.mark.parametrize("data_class", CLASSES)
def test_every_other_statement_is_conditioned(doc, data_class):
    for s in statements(doc, data_class):
        if s["Sid"] != "AccountAdministersKey":
            assert s.get("Condition"), f"{data_class} statement {s['Sid']} has no condition"


def test_cloudtrail_scoped_by_source_arn(doc):
    encrypt = statement(doc, "audit-logs", "CloudTrailEncryptsTrailLogs")
    assert encrypt["Principal"] == {"Service": "cloudtrail.amazonaws.com"}
    assert encrypt["Action"] == "kms:GenerateDataKey*"
    assert encrypt["Condition"]["StringEquals"] == {"aws:SourceArn": TRAIL_ARN}
    assert encrypt["Condition"]["StringLike"] == {
        "kms:EncryptionContext:aws:cloudtrail:arn": f"arn:aws:cloudtrail:*:{ACCOUNT}:trail/*"
    }
    describe = statement(doc, "audit-logs", "CloudTrailDescribesKey")
    assert describe["Condition"] == {"StringEquals": {"aws:SourceArn": TRAIL_ARN}}


@pytest.mark.parametrize("data_class", ["phi-data", "backups", "secrets"])
def test_services_of_the_audit_key_have_no_other_key(doc, data_class):
    services = {s["Principal"].get("Service") for s in statements(doc, data_class)}
    assert services == {None}


def test_cloudwatch_logs_scoped_by_encryption_context(doc):
    s = statement(doc, "audit-logs", "CloudWatchLogsEncryptsAccountLogGroups")
    assert s["Principal"] == {"Service": f"logs.{REGION}.amazonaws.com"}
    assert s["Condition"] == {
        "ArnLike": {"kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:*"}
    }


def test_cloudwatch_alarms_may_publish_to_encrypted_topic(doc):
    s = statement(doc, "audit-logs", "CloudWatchAlarmsPublishToEncryptedTopic")
    assert s["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert s["Action"] == ["kms:Decrypt", "kms:GenerateDataKey*"]
    assert s["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}


def test_config_may_deliver_with_audit_key(doc):
    s = statement(doc, "audit-logs", "ConfigDeliversToEncryptedBucket")
    assert s["Principal"] == {"Service": "config.amazonaws.com"}
    assert s["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}


@pytest.mark.parametrize(
    ("data_class", "sid", "service"),
    [
        ("phi-data", "RdsUsesKeyForPhiStorage", "rds"),
        ("phi-data", "Ec2UsesKeyForEbsVolumes", "ec2"),
        ("phi-data", "BackupUsesKeyForRdsRecoveryPoints", "backup"),
        ("backups", "BackupUsesKeyForVault", "backup"),
        ("secrets", "SecretsManagerUsesKeyForSecrets", "secretsmanager"),
        ("audit-logs", "AccountReadsAuditLogsViaS3", "s3"),
        ("audit-logs", "AccountUsesAlarmTopicViaSns", "sns"),
    ],
)
def test_service_use_only_via_service(doc, data_class, sid, service):
    s = statement(doc, data_class, sid)
    assert s["Principal"] == ROOT
    assert s["Condition"] == {
        "StringEquals": {"kms:ViaService": f"{service}.{REGION}.amazonaws.com", "kms:CallerAccount": ACCOUNT}
    }


@pytest.mark.parametrize(
    ("data_class", "services"),
    [
        ("phi-data", {"rds", "ec2", "backup"}),
        ("backups", {"backup"}),
        ("secrets", {"secretsmanager"}),
        ("audit-logs", {"s3", "sns"}),
    ],
)
def test_no_key_usable_via_other_services(doc, data_class, services):
    via = {
        s["Condition"]["StringEquals"]["kms:ViaService"].split(".")[0]
        for s in statements(doc, data_class)
        if "kms:ViaService" in s.get("Condition", {}).get("StringEquals", {})
    }
    assert via == services


def test_passes_the_kms_rules(doc):
    assert rule_violations(doc, ("kms-",)) == {}
