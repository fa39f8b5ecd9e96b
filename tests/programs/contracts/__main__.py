"""One integration per AWS service contract: the kept stack honours every contract, the broken stack breaks each once.

Minimal on purpose: only what a contract rule reads (keys and their policies, the resources that use them, the
buckets services deliver to), so a contract's message can be asserted exactly.
"""

import json

import pulumi
import pulumi_aws as aws

BROKEN = pulumi.Config().get_bool("broken") or False
ACCOUNT, REGION = "123456789012", "us-east-1"
ROOT = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
ADMIN = {
    "Sid": "Admin",
    "Effect": "Allow",
    "Principal": ROOT,
    "Resource": "*",
    "Action": ["kms:DescribeKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:EnableKeyRotation"],
}
ACCOUNT_USES = {"Sid": "AccountUses", "Effect": "Allow", "Principal": ROOT, "Action": "kms:*", "Resource": "*"}


def document(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def service(sid, principal, actions, **condition):
    statement = {"Sid": sid, "Effect": "Allow", "Principal": {"Service": principal}, "Action": actions, "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return statement


def key(name, *kept):
    """A key whose policy has ``kept`` statements in the kept stack and only administration when broken."""
    return aws.kms.Key(name, enable_key_rotation=True, policy=document(ADMIN, *(() if BROKEN else kept)))


# CloudTrail: the trail's key lets cloudtrail.amazonaws.com generate data keys and describe the key.
trail_name = "audit"
trail_arn = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{trail_name}"
trail_key = key(
    "trail-key",
    service(
        "CloudTrail",
        "cloudtrail.amazonaws.com",
        ["kms:GenerateDataKey*", "kms:DescribeKey"],
        StringEquals={"aws:SourceArn": trail_arn},
    ),
)
trail_bucket = aws.s3.Bucket("trail-bucket", bucket="contracts-trail")
aws.cloudtrail.Trail("trail", name=trail_name, s3_bucket_name=trail_bucket.bucket, kms_key_id=trail_key.arn)

# CloudWatch Logs: the log group's key lets logs.<region> use it for this account's log groups.
logs_key = key(
    "logs-key",
    service(
        "Logs",
        f"logs.{REGION}.amazonaws.com",
        ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"],
        ArnLike={"kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:*"},
    ),
)
aws.cloudwatch.LogGroup("app-logs", name="app-logs", kms_key_id=logs_key.arn)

# SNS: alarms and EventBridge publish to an encrypted topic.
topic_key = key(
    "topic-key",
    service(
        "Publishers", ["cloudwatch.amazonaws.com", "events.amazonaws.com"], ["kms:Decrypt", "kms:GenerateDataKey*"]
    ),
)
topic = aws.sns.Topic("alerts", name="alerts", kms_master_key_id=topic_key.arn)
aws.cloudwatch.MetricAlarm(
    "root-use",
    name="root-use",
    comparison_operator="GreaterThanOrEqualToThreshold",
    evaluation_periods=1,
    metric_name="RootUse",
    namespace="Audit",
    period=300,
    statistic="Sum",
    threshold=1,
    alarm_actions=[topic.arn],
)
findings = aws.cloudwatch.EventRule(
    "findings", name="findings", event_pattern=json.dumps({"source": ["aws.guardduty"]})
)
aws.cloudwatch.EventTarget("findings-to-alerts", rule=findings.name, arn=topic.arn)

# AWS Config: its own bucket, writable by the recorder's role, encrypted with a key the role may use.
config_role = aws.iam.Role(
    "config-role",
    name="config-role",
    assume_role_policy=document(
        {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ),
)
config_bucket = aws.s3.Bucket("config-bucket", bucket="contracts-config", object_lock_enabled=BROKEN)
if not BROKEN:
    aws.iam.RolePolicy(
        "config-delivery",
        role=config_role.name,
        policy=document(
            {
                "Effect": "Allow",
                "Action": ["s3:PutObject", "s3:GetBucketAcl", "s3:ListBucket"],
                "Resource": ["arn:aws:s3:::contracts-config", "arn:aws:s3:::contracts-config/*"],
            }
        ),
    )
config_key = key("config-key", ACCOUNT_USES)
recorder = aws.cfg.Recorder("recorder", name="recorder", role_arn=config_role.arn)
aws.cfg.DeliveryChannel(
    "delivery",
    name="delivery",
    s3_bucket_name=config_bucket.bucket,
    s3_kms_key_arn=config_key.arn,
    opts=pulumi.ResourceOptions(depends_on=[recorder]),
)

# AWS Backup and RDS: the account uses the keys through the service.
backup_key = key("backup-key", ACCOUNT_USES)
aws.backup.Vault("vault", name="vault", kms_key_arn=backup_key.arn)
db_key = key("db-key", ACCOUNT_USES)
aws.rds.Instance(
    "db",
    identifier="db",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="app",
    manage_master_user_password=True,
    storage_encrypted=True,
    kms_key_id=db_key.arn,
    performance_insights_enabled=True,
    performance_insights_kms_key_id=db_key.arn,
    skip_final_snapshot=True,
)

# EBS encryption by default: the key names the Auto Scaling service-linked role.
autoscaling = f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
ebs_key = key(
    "ebs-key",
    {
        "Sid": "AutoScaling",
        "Effect": "Allow",
        "Principal": {"AWS": autoscaling},
        "Action": [
            "kms:Encrypt",
            "kms:Decrypt",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:DescribeKey",
            "kms:CreateGrant",
        ],
        "Resource": "*",
    },
)
aws.ebs.DefaultKmsKey("ebs-default", key_arn=ebs_key.arn)

# Elastic Load Balancing: an SSE-S3 log bucket the region's ELB account may write to.
alb_logs = aws.s3.Bucket("alb-logs", bucket="contracts-alb-logs")
aws.s3.BucketServerSideEncryptionConfiguration(
    "alb-logs-sse",
    bucket=alb_logs.bucket,
    rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms" if BROKEN else "AES256"}}],
)
alb_logs_ready = []
if not BROKEN:
    alb_logs_ready = [aws.s3.BucketPolicy(
        "alb-logs-policy",
        bucket=alb_logs.bucket,
        policy=document(
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::127311923021:root"},
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::contracts-alb-logs/alb/AWSLogs/{ACCOUNT}/*",
            }
        ),
    )]
# Elastic Load Balancing tests its write access to the bucket when access logs are enabled, so the load balancer
# waits for the bucket policy (the emulator refuses it otherwise, as AWS does).
aws.lb.LoadBalancer(
    "alb",
    name="alb",
    subnets=["subnet-0a", "subnet-0b"],
    access_logs={"enabled": True, "bucket": alb_logs.bucket, "prefix": "alb"},
    opts=pulumi.ResourceOptions(depends_on=alb_logs_ready),
)

# S3 server access logs: a target with SSE-S3 and no Object Lock default retention.
access_logs = aws.s3.Bucket("access-logs", bucket="contracts-access-logs", object_lock_enabled=BROKEN)
aws.s3.BucketServerSideEncryptionConfiguration(
    "access-logs-sse",
    bucket=access_logs.bucket,
    rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms" if BROKEN else "AES256"}}],
)
if BROKEN:
    aws.s3.BucketObjectLockConfiguration(
        "access-logs-lock", bucket=access_logs.bucket, rule={"default_retention": {"mode": "GOVERNANCE", "days": 30}}
    )
aws.s3.BucketLogging(
    "trail-bucket-logging", bucket=trail_bucket.bucket, target_bucket=access_logs.bucket, target_prefix="trail/"
)

# AWS WAF: the logging destination is named aws-waf-logs-*.
waf_logs = aws.cloudwatch.LogGroup("waf-logs", name="waf-logs-app" if BROKEN else "aws-waf-logs-app")
aws.wafv2.WebAclLoggingConfiguration(
    "waf-logging",
    log_destination_configs=[waf_logs.arn],
    resource_arn=f"arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/app/1",
)

# IAM: a boundary created here is named through its output; the policy names real actions.
boundary = aws.iam.Policy(
    "boundary",
    name="boundary",
    policy=document({"Effect": "Allow", "Action": "s3:GetObjectt" if BROKEN else "s3:GetObject", "Resource": "*"}),
)
aws.iam.Role(
    "app-role",
    name="app-role",
    assume_role_policy=document(
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ),
    permissions_boundary=f"arn:aws:iam::{ACCOUNT}:policy/boundary" if BROKEN else boundary.arn,
)

# Singletons: one GuardDuty detector per account and Region.
aws.guardduty.Detector("detector", enable=True)
if BROKEN:
    aws.guardduty.Detector("detector-again", enable=True)
