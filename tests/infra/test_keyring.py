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


# Statements AWS documents without a condition, each naming one principal that nothing else can act as:
# the Auto Scaling service-linked role (key-policy-requirements-EBS-encryption.html) and EventBridge, whose KMS
# requests for an encrypted topic carry no source keys (sns-key-management.html).
UNCONDITIONED = {
    ("phi-data", "AutoScalingServiceLinkedRoleUsesKey"),
    ("audit-logs", "EventBridgePublishesToEncryptedTopic"),
}


@pytest.mark.parametrize("data_class", CLASSES)
def test_every_other_statement_is_conditioned(doc, data_class):
    for s in statements(doc, data_class):
        if s["Sid"] != "AccountAdministersKey" and (data_class, s["Sid"]) not in UNCONDITIONED:
            assert s.get("Condition"), f"{data_class} statement {s['Sid']} has no condition"


def test_unconditioned_statements_name_one_non_account_principal(doc):
    for data_class, sid in UNCONDITIONED:
        s = statement(doc, data_class, sid)
        assert "Condition" not in s
        assert s["Principal"] != ROOT and len(s["Principal"]) == 1
        (names,) = s["Principal"].values()
        assert isinstance(names, str) and "*" not in names


def test_autoscaling_service_linked_role_may_use_the_ebs_key(doc):
    # Without these, an Auto Scaling group (EKS node group, Batch compute environment) cannot launch an instance
    # once EBS encryption by default uses the PHI key.
    role = {
        "AWS": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
    }
    use = statement(doc, "phi-data", "AutoScalingServiceLinkedRoleUsesKey")
    assert use["Principal"] == role
    assert use["Action"] == ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    grant = statement(doc, "phi-data", "AutoScalingServiceLinkedRoleAttachesVolumes")
    assert grant["Principal"] == role
    assert grant["Action"] == "kms:CreateGrant"
    assert grant["Condition"] == {"Bool": {"kms:GrantIsForAWSResource": True}}


def test_autoscaling_service_linked_role_exists_before_the_key_names_it(doc):
    role = only(doc, "aws:iam/serviceLinkedRole:ServiceLinkedRole")
    assert role.props["awsServiceName"] == "autoscaling.amazonaws.com"
    assert role.urn in key(doc, "phi-data").dependencies


def test_adopted_autoscaling_service_linked_role_is_not_declared():
    adopted = preview(
        lambda: Keyring("pms", KeyringArgs(account_id=ACCOUNT, region=REGION, environment="prod", trail_name=TRAIL,
                                           autoscaling_service_linked_role="adopt")),
        stack="prod",
    )
    assert not adopted.of_type("aws:iam/serviceLinkedRole:ServiceLinkedRole")
    names = [s["Sid"] for s in statements(adopted, "phi-data")]
    assert "AutoScalingServiceLinkedRoleUsesKey" in names


def test_eventbridge_may_publish_to_the_encrypted_alarm_topic(doc):
    s = statement(doc, "audit-logs", "EventBridgePublishesToEncryptedTopic")
    assert s["Principal"] == {"Service": "events.amazonaws.com"}
    assert s["Action"] == ["kms:Decrypt", "kms:GenerateDataKey*"]


@pytest.mark.parametrize(("data_class", "sid"), [("backups", "BackupUsesKeyForVault"),
                                                 ("phi-data", "BackupUsesKeyForRdsRecoveryPoints")])
def test_backup_may_retire_its_grants(doc, data_class, sid):
    # CreateBackupVault needs kms:RetireGrant on the vault's key as well.
    assert "kms:RetireGrant" in statement(doc, data_class, sid)["Action"]


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


def test_cloudtrail_may_decrypt_for_the_bucket_key(doc):
    # The trail's bucket uses an S3 Bucket Key: CreateTrail needs kms:Decrypt for CloudTrail on the key.
    s = statement(doc, "audit-logs", "CloudTrailDecryptsForBucketKey")
    assert s["Principal"] == {"Service": "cloudtrail.amazonaws.com"}
    assert s["Action"] == "kms:Decrypt"
    assert s["Condition"] == {"StringEquals": {"aws:SourceArn": TRAIL_ARN}}


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


def test_config_role_may_encrypt_its_deliveries_through_s3(doc):
    # In the same account AWS Config writes as the recorder's role; S3 asks KMS for a data key on its behalf.
    s = statement(doc, "audit-logs", "AccountEncryptsDeliveriesViaS3")
    assert s["Action"] == ["kms:Decrypt", "kms:GenerateDataKey"]


@pytest.mark.parametrize(
    ("data_class", "sid", "service"),
    [
        ("phi-data", "RdsUsesKeyForPhiStorage", "rds"),
        ("phi-data", "Ec2UsesKeyForEbsVolumes", "ec2"),
        ("phi-data", "BackupUsesKeyForRdsRecoveryPoints", "backup"),
        ("backups", "BackupUsesKeyForVault", "backup"),
        ("secrets", "SecretsManagerUsesKeyForSecrets", "secretsmanager"),
        ("audit-logs", "AccountReadsAuditLogsViaS3", "s3"),
        ("audit-logs", "AccountEncryptsDeliveriesViaS3", "s3"),
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
