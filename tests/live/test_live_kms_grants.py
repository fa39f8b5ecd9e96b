"""KMS key policies judged live against the services that use the keys, under the seven kms-key-grants-* stack
rules: the baseline's key grants its trail, log groups, database, vault and alarm topic; a key whose policy names
only an administrator role is a finding for each kind of user."""

import json

import pytest

from pms_baseline.live.runner import verify
from tests.live.backup_answers import answer_backup
from tests.live.conftest import BUCKET, R

pytestmark = pytest.mark.moto

ACCOUNT = "123456789012"
ADMIN = {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/key-admin"},
         "Action": "kms:*", "Resource": "*"}
AUTOSCALING = f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
RECORDER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/config-recorder"


def findings(account, rule):
    result = verify(session=account.session, regions=["us-east-1"])
    return sorted((f.resource.name, f.message) for f in result.findings if f.rule == rule)


def narrow_key(account, *grants, alias="alias/narrow"):
    """A key whose policy allows only the key administrator role, and ``grants`` (statements) besides."""
    kms = account.client("kms")
    policy = {"Version": "2012-10-17", "Statement": [ADMIN, *grants]}
    key = kms.create_key(Policy=json.dumps(policy))["KeyMetadata"]
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    return key["Arn"]


def allow(principal, *actions):
    return {"Effect": "Allow", "Principal": principal, "Action": list(actions), "Resource": "*"}


def trail(account, key):
    account.client("cloudtrail").create_trail(Name="narrow", S3BucketName=BUCKET, KmsKeyId=key)


def log_group(account, key):
    account.client("logs").create_log_group(logGroupName="/pms/narrow", kmsKeyId=key)


def cluster(account, key):
    account.client("rds").create_db_cluster(
        DBClusterIdentifier="narrow", Engine="aurora-postgresql", MasterUsername="pms",
        MasterUserPassword="correct-horse-battery", StorageEncrypted=True, KmsKeyId=key)


def vault(account, key):
    account.client("backup").create_backup_vault(BackupVaultName="narrow", EncryptionKeyArn=key)


def alarm_topic(account, key):
    topic = account.client("sns").create_topic(Name="narrow", Attributes={"KmsMasterKeyId": key})["TopicArn"]
    account.client("cloudwatch").put_metric_alarm(
        AlarmName="narrow-errors", MetricName="Errors", Namespace="PMS", Statistic="Sum", Period=300,
        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])


def delivery(account, key):
    cfg = account.client("config")
    cfg.put_configuration_recorder(ConfigurationRecorder={"name": "default", "roleARN": RECORDER_ROLE})
    cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": BUCKET, "s3KmsKeyArn": key})


def ebs_default(account, key):
    account.client("ec2").modify_ebs_default_kms_key_id(KmsKeyId=key)


def exercise(account):
    """Each kind of key user on one key: a trail, a log group, an Aurora cluster, a vault, an alarm's topic, AWS
    Config's recorder and delivery channel, and EBS encryption by default (no call of kms_grants' own: these are
    what the cloudtrail, logs, rds, backup-coverage, sns, cloudwatch, config and ec2 collectors read)."""
    key = narrow_key(account)
    for make in (trail, log_group, cluster, vault, alarm_topic, delivery, ebs_default):
        make(account, key)


def test_the_baseline_key_grants_its_users(account):
    for rule in ("kms-key-grants-cloudtrail", "kms-key-grants-cloudwatch-logs", "kms-key-grants-rds",
                 "kms-key-grants-backup-vault", "kms-key-grants-sns-publishers"):
        assert findings(account, rule) == [], rule


def test_a_trail_key_without_cloudtrail_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    trail(account, key)
    assert findings(account, "kms-key-grants-cloudtrail") == [(
        "alias/narrow", R + f"trail narrow encrypts with key alias/narrow ({kid}), whose policy does not let "
        "cloudtrail.amazonaws.com kms:GenerateDataKey, kms:DescribeKey, so CloudTrail refuses the trail "
        "(InsufficientEncryptionPolicyException); allow cloudtrail.amazonaws.com those actions in the key policy "
        "with aws:SourceArn arn:aws:cloudtrail:us-east-1:123456789012:trail/narrow")]


def test_a_log_group_key_without_logs_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    log_group(account, key)
    assert findings(account, "kms-key-grants-cloudwatch-logs") == [(
        "alias/narrow", R + f"log group /pms/narrow is encrypted with key alias/narrow ({kid}), whose policy does not "
        "let logs.us-east-1.amazonaws.com kms:Encrypt, kms:Decrypt, kms:GenerateDataKey with encryption context "
        "aws:logs:arn arn:aws:logs:us-east-1:123456789012:log-group:/pms/narrow, so CloudWatch Logs refuses to "
        "associate the key; allow that service principal those actions in the key policy with ArnLike "
        "kms:EncryptionContext:aws:logs:arn")]


def test_a_cluster_key_without_the_account_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    cluster(account, key)
    assert findings(account, "kms-key-grants-rds") == [(
        "alias/narrow", R + f"database narrow uses key alias/narrow ({kid}) for storage (kmsKeyId), whose policy does "
        "not let the account kms:CreateGrant, kms:DescribeKey through rds.us-east-1.amazonaws.com, so RDS refuses "
        "the instance; allow those actions to the account with kms:ViaService rds.us-east-1.amazonaws.com")]


def test_a_vault_key_without_the_account_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    vault(account, key)
    assert findings(account, "kms-key-grants-backup-vault") == [(
        "alias/narrow", R + f"vault narrow is encrypted with key alias/narrow ({kid}), whose policy does not let the "
        "account kms:CreateGrant, kms:DescribeKey, kms:RetireGrant, kms:Decrypt, kms:GenerateDataKey through "
        "backup.us-east-1.amazonaws.com, so AWS Backup refuses to create the vault; allow those actions to the "
        "account with kms:ViaService backup.us-east-1.amazonaws.com")]


def test_a_topic_key_without_cloudwatch_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    alarm_topic(account, key)
    assert findings(account, "kms-key-grants-sns-publishers") == [(
        "alias/narrow", R + f"alarm narrow-errors publishes to topic narrow, whose key alias/narrow ({kid}) does "
        "not let cloudwatch.amazonaws.com kms:Decrypt, kms:GenerateDataKey, so SNS drops every message it "
        "publishes; allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* in the key policy")]


def test_a_delivery_key_granting_the_recorder_role_passes(account):
    delivery(account, narrow_key(account, allow({"AWS": RECORDER_ROLE}, "kms:Decrypt", "kms:GenerateDataKey")))
    assert findings(account, "kms-key-grants-config-delivery") == []


def test_a_delivery_key_without_the_recorder_role_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    delivery(account, key)
    assert findings(account, "kms-key-grants-config-delivery") == [(
        "alias/narrow", R + f"delivery channel default delivers objects encrypted with key alias/narrow ({kid}), whose "
        f"policy does not let role {RECORDER_ROLE} kms:Decrypt, kms:GenerateDataKey, so AWS Config cannot "
        f"deliver; allow role {RECORDER_ROLE} kms:Decrypt and kms:GenerateDataKey in the key policy")]


def test_an_ebs_default_key_granting_auto_scaling_passes(account):
    use = ("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey")
    grant = {**allow({"AWS": AUTOSCALING}, "kms:CreateGrant"),
             "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}
    ebs_default(account, narrow_key(account, allow({"AWS": AUTOSCALING}, *use), grant))
    assert findings(account, "kms-key-grants-autoscaling-ebs-default") == []


def test_an_ebs_default_key_without_auto_scaling_is_a_finding(account):
    key = narrow_key(account)
    kid = key.rsplit("/", 1)[-1]
    ebs_default(account, key)
    assert findings(account, "kms-key-grants-autoscaling-ebs-default") == [(
        "alias/narrow", R + f"EBS encryption by default uses key alias/narrow ({kid}), whose policy does not let the "
        f"Auto Scaling service-linked role {AUTOSCALING} kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom, "
        "kms:ReEncryptTo, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey, "
        "kms:CreateGrant, so Auto Scaling groups cannot launch instances with encrypted volumes; name that role "
        "in the key policy with those actions (kms:CreateGrant with kms:GrantIsForAWSResource true)")]


def test_key_and_vault_policies_of_the_baseline_are_valid_documents(account):
    answer_backup(account.session, policies={"pms-prod-vault": json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "backup:DeleteRecoveryPoint", "Resource": "*"}]})})
    assert findings(account, "iam-policy-document-valid") == []


def test_a_key_policy_naming_an_unknown_action_is_a_finding(account):
    key = narrow_key(account, allow({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "kms:Decrypts"))
    kid = key.rsplit("/", 1)[-1]
    assert findings(account, "iam-policy-document-valid") == [(
        "alias/narrow", R + f"{kid} policy statement #1: Action kms:Decrypts: kms has no action 'Decrypts'; "
        "fix it, or AWS refuses the document (MalformedPolicyDocument) or the statement grants nothing")]


def test_a_vault_policy_naming_an_unknown_action_is_a_finding(account):
    answer_backup(account.session, policies={"pms-prod-vault": json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "backup:DeleteRecoveryPoints", "Resource": "*"}]})})
    assert findings(account, "iam-policy-document-valid") == [(
        "pms-prod-vault", R + "pms-prod-vault policy statement #0: Action backup:DeleteRecoveryPoints: backup has no "
        "action 'DeleteRecoveryPoints'; fix it, or AWS refuses the document (MalformedPolicyDocument) or the "
        "statement grants nothing")]
