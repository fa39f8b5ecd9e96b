"""ConfigDelivery: AWS Config's own bucket (not Object-Locked) and the role it records and delivers as."""

from __future__ import annotations

import pytest

from pms_baseline_infra.components.config_delivery import ConfigDelivery, ConfigDeliveryArgs
from pms_baseline_infra.components.monitoring import Monitoring, MonitoringArgs
from pms_baseline_pack import tokens as t
from tests.helpers import preview_state
from tests.infra.conftest import ACCOUNT, AUDIT_KEY, REGION, only, policy, preview, tags_for

ACCESS_LOGS = "pms-audit-access-logs-bucket"


def build():
    delivery = ConfigDelivery(
        "pms",
        ConfigDeliveryArgs(account_id=ACCOUNT, key_arn=AUDIT_KEY, access_log_bucket=ACCESS_LOGS,
                           tags=tags_for("prod")),
    )
    Monitoring(
        "pms",
        MonitoringArgs(
            trail_log_group_name="/aws/cloudtrail/pms-prod-audit", alarm_email="", topic_key_arn=AUDIT_KEY,
            config_bucket_name=delivery.bucket.bucket, config_role_arn=delivery.role.arn,
            config_ready=delivery.ready, config_role_ready=delivery.role_ready, account_id=ACCOUNT, region=REGION,
            environment="prod", enable_config_rules=False, tags=tags_for("prod"),
        ),
    )


@pytest.fixture(scope="module")
def doc():
    return preview(build, "prod")


def bucket(doc):
    return only(doc, t.S3_BUCKET, "pms-config-history")


def for_bucket(doc, token):
    found = [r for r in doc.of_type(token) if r.props.get("bucket") == bucket(doc).id]
    assert len(found) == 1, token
    return found[0]


def test_bucket_has_no_object_lock(doc):
    # AWS Config does not support a delivery channel to a bucket with Object Lock enabled.
    assert bucket(doc).props["objectLockEnabled"] is False
    assert not doc.of_type(t.S3_OBJECT_LOCK)


def test_channel_delivers_to_the_config_bucket(doc):
    assert only(doc, t.CONFIG_DELIVERY_CHANNEL).props["s3BucketName"] == bucket(doc).props["bucket"]


def test_bucket_encrypted_with_the_audit_key(doc):
    rule = for_bucket(doc, t.S3_SSE).props["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"] == {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": AUDIT_KEY}


def test_bucket_versioned_logged_and_retained(doc):
    assert for_bucket(doc, t.S3_VERSIONING).props["versioningConfiguration"]["status"] == "Enabled"
    assert for_bucket(doc, t.S3_LOGGING).props["targetBucket"] == ACCESS_LOGS
    rule = for_bucket(doc, t.S3_LIFECYCLE).props["rules"][0]
    assert rule["expiration"] == {"days": 2190}
    pab = for_bucket(doc, t.S3_PUBLIC_ACCESS_BLOCK).props
    assert all(pab[f] for f in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"))


def test_bucket_policy_tls_only_and_config_fallback(doc):
    statements = {s["Sid"]: s for s in policy(for_bucket(doc, t.S3_POLICY).props["policy"])["Statement"]}
    assert statements["DenyInsecureTransport"]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    write = statements["ConfigWrite"]
    assert write["Principal"] == {"Service": "config.amazonaws.com"}
    assert write["Resource"].endswith(f"/config/AWSLogs/{ACCOUNT}/Config/*")
    assert write["Condition"]["StringEquals"]["aws:SourceAccount"] == ACCOUNT


def test_role_trusts_config_of_this_account(doc):
    trust = policy(only(doc, t.IAM_ROLE).props["assumeRolePolicy"])["Statement"][0]
    assert trust["Principal"] == {"Service": "config.amazonaws.com"}
    assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}


def test_role_may_deliver_and_encrypt(doc):
    # In the same account AWS Config delivers as the role: AWS_ConfigRole alone does not let it write.
    attached = {r.props["policyArn"] for r in doc.of_type(t.IAM_ROLE_POLICY_ATTACHMENT)}
    managed = only(doc, t.IAM_POLICY)
    assert attached == {"arn:aws:iam::aws:policy/service-role/AWS_ConfigRole", managed.props["arn"]}
    statements = {s["Sid"]: s for s in policy(managed.props["policy"])["Statement"]}
    arn = bucket(doc).props["arn"]
    assert statements["DeliverConfigurationHistory"]["Action"] == "s3:PutObject"
    assert statements["DeliverConfigurationHistory"]["Resource"] == f"{arn}/config/AWSLogs/{ACCOUNT}/*"
    assert statements["CheckDeliveryBucket"]["Action"] == ["s3:GetBucketAcl", "s3:ListBucket"]
    assert statements["EncryptDeliveries"] == {
        "Sid": "EncryptDeliveries", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
        "Resource": AUDIT_KEY,
    }
    assert not doc.of_type(t.IAM_ROLE_POLICY)


def test_recorder_waits_for_its_role_and_channel_for_the_bucket_policy(doc):
    recorder = only(doc, t.CONFIG_RECORDER)
    channel = only(doc, t.CONFIG_DELIVERY_CHANNEL)
    attachments = {r.urn for r in doc.of_type(t.IAM_ROLE_POLICY_ATTACHMENT)}
    assert attachments <= set(recorder.dependencies)
    assert {*attachments, for_bucket(doc, t.S3_POLICY).urn} <= set(channel.dependencies)
    assert recorder.props["roleArn"] == only(doc, t.IAM_ROLE).props["arn"]


@pytest.mark.parametrize("stack", ["prod", "staging", "test"])
def test_no_stack_delivers_config_to_a_locked_bucket(stack):
    state = preview_state(stack)
    buckets = {r.props.get("bucket"): r for r in state.of_type(t.S3_BUCKET)}
    for channel in state.of_type(t.CONFIG_DELIVERY_CHANNEL):
        assert buckets[channel.props["s3BucketName"]].props["objectLockEnabled"] is False
