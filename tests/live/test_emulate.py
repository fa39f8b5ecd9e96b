"""The emulator creates the monitoring, edge and guardrail kinds too, and names what moto cannot create."""

import json

import moto
import pulumi
import pulumi_aws as aws
import pytest

from pms_baseline.emulate import realize
from pms_baseline.preview import preview_function
from pms_baseline_infra.components.trust import service_trust_policy
from pms_baseline_pack import tokens as t

pytestmark = pytest.mark.moto


def _monitoring_program():
    # The recorder's role may deliver to the bucket, or AWS (and the emulator) refuses the delivery channel.
    delivery = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["s3:GetBucketAcl", "s3:ListBucket", "s3:PutObject"],
                "Resource": ["arn:aws:s3:::pms-config-123456789012", "arn:aws:s3:::pms-config-123456789012/*"],
            }
        ],
    }
    role = aws.iam.Role(
        "cfg-role",
        assume_role_policy=service_trust_policy("config.amazonaws.com"),
        inline_policies=[{"name": "deliver", "policy": json.dumps(delivery)}],
    )
    bucket = aws.s3.Bucket("cfg-bucket", bucket="pms-config-123456789012")
    rec = aws.cfg.Recorder(
        "recorder",
        name="default",
        role_arn=role.arn,
        recording_group={"all_supported": True, "include_global_resource_types": True},
    )
    channel = aws.cfg.DeliveryChannel(
        "channel", name="default", s3_bucket_name=bucket.bucket, opts=pulumi.ResourceOptions(depends_on=[rec])
    )
    aws.cfg.RecorderStatus(
        "status", name=rec.name, is_enabled=True, opts=pulumi.ResourceOptions(depends_on=[channel])
    )
    aws.cfg.Rule(
        "versioning",
        name="s3-bucket-versioning-enabled",
        source={"owner": "AWS", "source_identifier": "S3_BUCKET_VERSIONING_ENABLED"},
    )
    visibility = {"cloudwatch_metrics_enabled": True, "metric_name": "m", "sampled_requests_enabled": True}
    acl = aws.wafv2.WebAcl(
        "acl",
        name="pms-acl",
        scope="REGIONAL",
        default_action={"allow": {}},
        visibility_config=visibility,
        rules=[
            {
                "name": "common",
                "priority": 1,
                "override_action": {"none": {}},
                "statement": {
                    "managed_rule_group_statement": {
                        "name": "AWSManagedRulesCommonRuleSet",
                        "vendor_name": "AWS",
                    }
                },
                "visibility_config": visibility,
            },
            {
                "name": "rate",
                "priority": 2,
                "action": {"block": {}},
                "statement": {"rate_based_statement": {"limit": 2000, "aggregate_key_type": "IP"}},
                "visibility_config": visibility,
            },
        ],
    )
    waf_logs = aws.cloudwatch.LogGroup("waf-logs", name="aws-waf-logs-pms", retention_in_days=365)
    aws.wafv2.WebAclLoggingConfiguration(
        "waf-logging", resource_arn=acl.arn, log_destination_configs=[waf_logs.arn]
    )
    aws.accessanalyzer.Analyzer("analyzer", analyzer_name="pms", type="ACCOUNT")
    topic = aws.sns.Topic("alarms", name="pms-alarms")
    aws.sns.TopicSubscription("ops", topic=topic.arn, protocol="email", endpoint="ops@example.org")
    aws.cloudwatch.LogMetricFilter(
        "root-filter",
        name="root-usage",
        log_group_name=waf_logs.name,
        pattern='{ $.userIdentity.type = "Root" }',
        metric_transformation={"name": "RootUsage", "namespace": "PMS", "value": "1"},
    )
    aws.cloudwatch.MetricAlarm(
        "root-alarm",
        name="root-usage",
        metric_name="RootUsage",
        namespace="PMS",
        statistic="Sum",
        period=300,
        evaluation_periods=1,
        threshold=1,
        comparison_operator="GreaterThanOrEqualToThreshold",
        alarm_actions=[topic.arn],
    )
    aws.ebs.EncryptionByDefault("ebs", enabled=True)
    aws.secretsmanager.Secret("secret", name="pms-secret")


def test_monitoring_kinds_are_created_and_gaps_named():
    doc = preview_function(_monitoring_program, stack="prod")
    with moto.mock_aws():
        result = realize(doc, region="us-east-1")
        import boto3

        config = boto3.client("config", region_name="us-east-1")
        status = config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"]
        acls = boto3.client("wafv2", region_name="us-east-1").list_web_acls(Scope="REGIONAL")["WebACLs"]
        encrypted = boto3.client("ec2", region_name="us-east-1").get_ebs_encryption_by_default()
    assert result.skipped == [
        (t.ACCESS_ANALYZER, "analyzer", "moto 5.2.5 does not implement access-analyzer:CreateAnalyzer"),
    ]
    assert result.created == {
        t.CONFIG_DELIVERY_CHANNEL: 1,
        t.CONFIG_RECORDER: 1,
        t.CONFIG_RECORDER_STATUS: 1,
        t.CONFIG_RULE: 1,
        t.LOG_GROUP: 1,
        t.LOG_METRIC_FILTER: 1,
        t.METRIC_ALARM: 1,
        t.EBS_ENCRYPTION_BY_DEFAULT: 1,
        t.IAM_ROLE: 1,
        t.S3_BUCKET: 1,
        t.SECRET: 1,
        t.SNS_TOPIC: 1,
        t.SNS_TOPIC_SUBSCRIPTION: 1,
        t.WAF_WEB_ACL: 1,
        t.WAF_LOGGING: 1,
    }
    assert [s["recording"] for s in status] == [True]
    assert [a["Name"] for a in acls] == ["pms-acl"]
    assert encrypted["EbsEncryptionByDefault"] is True
