"""Every AWS service contract rule on a minimal program: the kept stack passes them all, the broken stack breaks
each contract once and gets exactly these messages (tests/programs/contracts)."""

import pytest

from pms_baseline.judge import evaluate
from pms_baseline_pack.rules import catalogue
from tests.helpers import preview_state

CONTRACTS = tuple(r for r in catalogue() if r.sources)

BROKEN = [
    (
        "account-singletons-declared-once",
        "detector-again",
        (
            "Detector is declared 2 times in Region us-east-1 (detector, detector-again); AWS keeps one per "
            "account and Region, so the second refuses or overwrites the first; declare it once"
        ),
    ),
    (
        "config-delivery-bucket-object-lock-disabled",
        "delivery",
        (
            "delivery channel delivery delivers to bucket contracts-config, which has S3 Object Lock enabled, "
            "and AWS Config does not support delivering to an Object-Locked bucket; give the delivery channel a "
            "bucket of its own without Object Lock"
        ),
    ),
    (
        "config-delivery-bucket-writable",
        "delivery",
        (
            "delivery channel delivery writes to bucket contracts-config, but neither its bucket policy nor the "
            "policies of role arn:aws:iam::123456789012:role/config-role allow s3:GetBucketAcl, s3:ListBucket, "
            "s3:PutObject, so AWS Config refuses the delivery channel (InsufficientDeliveryPolicyException); "
            "grant them to the recorder's role or, for the service-linked role, to config.amazonaws.com in the "
            "bucket policy"
        ),
    ),
    (
        "elb-access-log-bucket-accepts-delivery",
        "alb-logs",
        (
            "load balancer alb logs to bucket contracts-alb-logs, which encrypts with aws:kms; Elastic Load "
            "Balancing supports only SSE-S3 for access logs, so no log is delivered; set the bucket's default "
            "encryption to AES256"
        ),
    ),
    (
        "elb-access-log-bucket-accepts-delivery",
        "alb-logs",
        (
            "load balancer alb logs to bucket contracts-alb-logs, whose policy does not let "
            "arn:aws:iam::127311923021:root or logdelivery.elasticloadbalancing.amazonaws.com s3:PutObject on "
            "alb/AWSLogs/123456789012/*, so Elastic Load Balancing refuses the access-log setting; allow it in "
            "the bucket policy"
        ),
    ),
    (
        "iam-policy-document-valid",
        "boundary",
        (
            "boundary policy statement #0: Action s3:GetObjectt: s3 has no action 'GetObjectt'; fix it, or AWS "
            "refuses the document (MalformedPolicyDocument) or the statement grants nothing"
        ),
    ),
    (
        "iam-role-depends-on-named-policies",
        "app-role",
        (
            "role app-role names policy boundary in permissionsBoundary by string but does not depend on it, so "
            "AWS may get the role before the policy exists and refuse it (NoSuchEntity); pass the policy's arn "
            "output or add depends_on"
        ),
    ),
    (
        "kms-key-grants-autoscaling-ebs-default",
        "ebs-key",
        (
            "EBS encryption by default uses key ebs-key (09615414-5227-e88d-e670-5b1a01ca3268), whose policy "
            "does not let the Auto Scaling service-linked role "
            "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling "
            "kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom, kms:ReEncryptTo, kms:GenerateDataKey, "
            "kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey, kms:CreateGrant, so Auto Scaling groups "
            "cannot launch instances with encrypted volumes; name that role in the key policy with those actions "
            "(kms:CreateGrant with kms:GrantIsForAWSResource true)"
        ),
    ),
    (
        "kms-key-grants-backup-vault",
        "backup-key",
        (
            "vault vault is encrypted with key backup-key (3b7e79eb-2719-457e-9029-9702438e79bf), whose policy "
            "does not let the account kms:CreateGrant, kms:RetireGrant, kms:Decrypt, kms:GenerateDataKey through "
            "backup.us-east-1.amazonaws.com, so AWS Backup refuses to create the vault; allow those actions to "
            "the account with kms:ViaService backup.us-east-1.amazonaws.com"
        ),
    ),
    (
        "kms-key-grants-cloudtrail",
        "trail-key",
        (
            "trail audit encrypts with key trail-key (c748d5b2-2ac1-e2ac-43e4-9f455e8ad965), whose policy does "
            "not let cloudtrail.amazonaws.com kms:GenerateDataKey, kms:DescribeKey, so CloudTrail refuses the "
            "trail (InsufficientEncryptionPolicyException); allow cloudtrail.amazonaws.com those actions in the "
            "key policy with aws:SourceArn arn:aws:cloudtrail:us-east-1:123456789012:trail/audit"
        ),
    ),
    (
        "kms-key-grants-cloudwatch-logs",
        "logs-key",
        (
            "log group app-logs is encrypted with key logs-key (6d7392bc-3f42-7860-fa49-0d789f2de9de), whose "
            "policy does not let logs.us-east-1.amazonaws.com kms:Encrypt, kms:Decrypt, kms:GenerateDataKey with "
            "encryption context aws:logs:arn arn:aws:logs:us-east-1:123456789012:log-group:app-logs, so "
            "CloudWatch Logs refuses to associate the key; allow that service principal those actions in the key "
            "policy with ArnLike kms:EncryptionContext:aws:logs:arn"
        ),
    ),
    (
        "kms-key-grants-config-delivery",
        "config-key",
        (
            "delivery channel delivery delivers objects encrypted with key config-key "
            "(5556e200-82ce-8fce-3ff5-ffb5ef258d17), whose policy does not let role "
            "arn:aws:iam::123456789012:role/config-role kms:Decrypt, kms:GenerateDataKey, so AWS Config cannot "
            "deliver; allow role arn:aws:iam::123456789012:role/config-role kms:Decrypt and kms:GenerateDataKey "
            "in the key policy"
        ),
    ),
    (
        "kms-key-grants-rds",
        "db-key",
        (
            "database db uses key db-key (f03240fc-f19e-b399-7e24-77659aa56c72) for storage (kmsKeyId), whose "
            "policy does not let the account kms:CreateGrant through rds.us-east-1.amazonaws.com, so RDS refuses "
            "the instance; allow those actions to the account with kms:ViaService rds.us-east-1.amazonaws.com"
        ),
    ),
    (
        "kms-key-grants-rds",
        "db-key",
        (
            "database db uses key db-key (f03240fc-f19e-b399-7e24-77659aa56c72) for Performance Insights "
            "(performanceInsightsKmsKeyId), whose policy does not let the account kms:Decrypt, "
            "kms:GenerateDataKey through rds.us-east-1.amazonaws.com, so RDS refuses the instance; allow those "
            "actions to the account with kms:ViaService rds.us-east-1.amazonaws.com"
        ),
    ),
    (
        "kms-key-grants-sns-publishers",
        "topic-key",
        (
            "EventBridge target findings-to-alerts publishes to topic alerts, whose key topic-key "
            "(9366da1a-e36b-debc-e73a-89e2f94dd9f5) does not let events.amazonaws.com kms:Decrypt, "
            "kms:GenerateDataKey, so SNS drops every message it publishes; allow events.amazonaws.com "
            "kms:Decrypt and kms:GenerateDataKey* in the key policy"
        ),
    ),
    (
        "kms-key-grants-sns-publishers",
        "topic-key",
        (
            "alarm root-use publishes to topic alerts, whose key topic-key "
            "(9366da1a-e36b-debc-e73a-89e2f94dd9f5) does not let cloudwatch.amazonaws.com kms:Decrypt, "
            "kms:GenerateDataKey, so SNS drops every message it publishes; allow cloudwatch.amazonaws.com "
            "kms:Decrypt and kms:GenerateDataKey* in the key policy"
        ),
    ),
    (
        "s3-access-log-target-accepts-delivery",
        "access-logs",
        (
            "bucket contracts-access-logs receives S3 server access logs but encrypts with aws:kms; S3 delivers "
            "server access logs only to buckets with SSE-S3, so none arrive; set its default encryption to AES256"
        ),
    ),
    (
        "s3-access-log-target-accepts-delivery",
        "access-logs",
        (
            "bucket contracts-access-logs receives S3 server access logs but has an Object Lock default "
            "retention period, which S3 does not support for a log target, so none arrive; remove the default "
            "retention or send the logs to another bucket"
        ),
    ),
    (
        "wafv2-logging-destination-named-aws-waf-logs",
        "waf-logging",
        (
            "logDestinationConfigs names logs destination waf-logs-app, whose name does not start with "
            "aws-waf-logs-, so AWS WAF refuses the logging configuration; rename it aws-waf-logs-waf-logs-app"
        ),
    ),
]


def judged(stack):
    return [(f.rule, f.resource.name, f.message) for f in evaluate(preview_state(stack, "contracts"), rules=CONTRACTS)]


@pytest.mark.slow
def test_the_kept_program_passes_every_contract():
    assert judged("kept") == []


@pytest.mark.slow
def test_the_broken_program_breaks_each_contract_with_its_message():
    assert judged("broken") == BROKEN


@pytest.mark.slow
def test_every_contract_rule_fails_the_broken_program():
    assert {rule for rule, _, _ in BROKEN} == {r.id for r in CONTRACTS}
