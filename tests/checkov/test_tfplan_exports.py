"""Converting real export shapes: secrets never reach the plan; unknowns, ``__defaults``, old exports and odd names."""

import json

import pytest

from pms_baseline.loader import load_state
from pms_baseline.preview import preview_function
from pms_baseline.state import SECRET_SIG, SIG_KEY, UNKNOWN_VALUE, parse_document
from pms_baseline.tfplan import convert
from pms_baseline_pack import tokens as t
from tests.checkov.plans import configured, export_document, planned, resource_change
from tests.checkov.programs import SECRET_PASSWORD
from tests.helpers import REPO_ROOT


def _secret_program():
    import pulumi
    import pulumi_aws as aws

    aws.rds.Instance(
        "db",
        engine="postgres",
        instance_class="db.t3.micro",
        allocated_storage=20,
        username="admin_user",
        password=pulumi.Output.secret(SECRET_PASSWORD),
        storage_encrypted=True,
    )
    aws.secretsmanager.SecretVersion(
        "app-credentials",
        secret_id="arn:aws:secretsmanager:us-east-1:1:secret:x",
        secret_string=pulumi.Output.secret(json.dumps({"password": SECRET_PASSWORD})),
    )


def test_secrets_never_appear_in_the_plan():
    plan = convert(parse_document(preview_function(_secret_program)))
    text = plan.text()
    assert SECRET_PASSWORD not in text
    db = planned(plan, "aws_db_instance.db")
    assert "password" not in db["values"]
    assert db["sensitive_values"] == {"password": True}
    version = planned(plan, "aws_secretsmanager_secret_version.app_credentials")
    assert "secret_string" not in version["values"]
    assert version["sensitive_values"]["secret_string"] is True


STACK_URN = "urn:pulumi:prod::pms::pulumi:pulumi:Stack::pms-prod"


def test_real_export_shapes():
    """Plaintext secret envelopes (--show-secrets), preview unknowns and __defaults never reach the plan."""
    doc = parse_document(
        export_document(
            [
                {"urn": STACK_URN, "custom": False, "type": t.STACK},
                {
                    "urn": "urn:pulumi:prod::pms::pulumi:providers:aws::default",
                    "custom": True,
                    "type": t.AWS_PROVIDER,
                    "id": "p1",
                },
                {
                    "urn": "urn:pulumi:prod::pms::aws:rds/instance:Instance::db",
                    "custom": True,
                    "type": t.RDS_INSTANCE,
                    "id": "db-1",
                    "inputs": {
                        "__defaults": ["identifier"],
                        "engine": "postgres",
                        "password": {SIG_KEY: SECRET_SIG, "plaintext": json.dumps(SECRET_PASSWORD)},
                        "storageEncrypted": True,
                    },
                    "outputs": {
                        "__meta": "{}",
                        "endpoint": UNKNOWN_VALUE,
                        "identifier": "db-1",
                        "password": {SIG_KEY: SECRET_SIG, "ciphertext": "v1:abc"},
                    },
                },
                {
                    "urn": "urn:pulumi:prod::pms::random:index/randomId:RandomId::suffix",
                    "custom": True,
                    "type": "random:index/randomId:RandomId",
                    "id": "r",
                },
            ]
        )
    )
    plan = convert(doc)
    assert sorted(plan.resources) == ["aws_db_instance.db"]
    assert [r.type for r in plan.skipped] == ["random:index/randomId:RandomId"]
    db = planned(plan, "aws_db_instance.db")
    assert db["values"] == {"engine": "postgres", "storage_encrypted": True, "identifier": "db-1"}
    assert db["sensitive_values"] == {"password": True}
    assert resource_change(plan, "aws_db_instance.db")["after_unknown"] == {"endpoint": True, "id": True}
    assert SECRET_PASSWORD not in plan.text()


def test_export_without_property_dependencies_uses_dependencies():
    bucket_urn = "urn:pulumi:prod::pms::aws:s3/bucket:Bucket::logs"
    doc = parse_document(
        export_document(
            [
                {
                    "urn": bucket_urn,
                    "custom": True,
                    "type": t.S3_BUCKET,
                    "id": "pms-logs",
                    "inputs": {"bucket": "pms-logs"},
                    "outputs": {"bucket": "pms-logs", "arn": "arn:aws:s3:::pms-logs"},
                },
                {
                    "urn": f"urn:pulumi:prod::pms::{t.S3_PUBLIC_ACCESS_BLOCK}::logs",
                    "custom": True,
                    "type": t.S3_PUBLIC_ACCESS_BLOCK,
                    "id": "pms-logs",
                    "dependencies": [bucket_urn],
                    "inputs": {"bucket": "pms-logs", "blockPublicAcls": True},
                },
            ]
        )
    )
    plan = convert(doc)
    assert configured(plan, "aws_s3_bucket_public_access_block.logs")["expressions"] == {
        "bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}
    }
    assert planned(plan, "aws_s3_bucket_public_access_block.logs")["values"] == {"block_public_acls": True}


def test_names_are_terraform_identifiers_and_unique():
    doc = parse_document(
        export_document(
            [
                {
                    "urn": "urn:pulumi:prod::pms::pms:data:PhiDatabase$aws:kms/key:Key::prod-key",
                    "custom": True,
                    "type": t.KMS_KEY,
                    "id": "k1",
                    "inputs": {},
                },
                {
                    "urn": "urn:pulumi:prod::pms::pms:audit:AuditTrail$aws:kms/key:Key::prod-key",
                    "custom": True,
                    "type": t.KMS_KEY,
                    "id": "k2",
                    "inputs": {},
                },
                {
                    "urn": "urn:pulumi:prod::pms::aws:kms/key:Key::9.key",
                    "custom": True,
                    "type": t.KMS_KEY,
                    "id": "k3",
                },
            ]
        )
    )
    assert sorted(convert(doc).resources) == [
        "aws_kms_key.prod_key",
        "aws_kms_key.prod_key_2",
        "aws_kms_key.r_9_key",
    ]


EXPORTS = REPO_ROOT / "tests" / "fixtures" / "exports"


# Plain-text values the v4 --show-secrets export holds in secret envelopes (and some also as plain inputs).
EXPORT_SECRETS = (
    "admin-token-plaintext-2718",
    "opsSecretKeyPlain/abc123XYZ",
    "IQoJb3JpZ2luX2VjOpsSessionTokenPlain",
    "Pl41n-Rds-Passw0rd!",
    "Aur0ra-Master-Pw#42",
    "Js0n-Emb3dded-Pw",
    "smtp-Plaintext-Cred-77",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "BPlainSesSmtpV4Passw0rd",
    "plainprivatekeymaterial",
)


@pytest.mark.parametrize(
    "export", ["clinic-prod-v3.json", "clinic-prod-v3-old.json", "clinic-prod-v4-show-secrets.json"]
)
def test_real_exports_convert_without_secrets(export):
    assert "Pl41n-Rds-Passw0rd!" in (EXPORTS / "clinic-prod-v4-show-secrets.json").read_text()
    plan = convert(load_state(EXPORTS / export))
    text = plan.text()
    assert [s for s in EXPORT_SECRETS if s in text] == []
    db = planned(plan, "aws_db_instance.clinic_db")
    assert db["sensitive_values"]["password"] is True
    assert planned(plan, "aws_rds_cluster.reporting")["sensitive_values"]["master_password"] is True
    assert configured(plan, "aws_s3_bucket_public_access_block.records_pab")["expressions"] == {
        "bucket": {"references": ["aws_s3_bucket.records.id", "aws_s3_bucket.records"]}
    }
    assert [r.type for r in plan.skipped] == ["tls:index/privateKey:PrivateKey"]
