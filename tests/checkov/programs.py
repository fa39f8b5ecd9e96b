"""Small Pulumi programs for the checkov bridge tests, previewed under the project's mocks."""

import json

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.trust import service_trust_policy

SECRET_PASSWORD = "correct-horse-battery-staple-42"


def every_type() -> None:
    """One resource of each kind the converter's attribute tests check, with compliant settings."""
    key = aws.kms.Key(
        "data-key", enable_key_rotation=True, deletion_window_in_days=30, description="PHI data key"
    )
    aws.kms.Alias("data-alias", name="alias/phi-data", target_key_id=key.key_id)
    vpc = aws.ec2.Vpc(
        "net",
        cidr_block="10.0.0.0/16",
        enable_dns_hostnames=True,
        enable_dns_support=True,
        tags={"Name": "pms"},
    )
    subnet = aws.ec2.Subnet(
        "data-a",
        vpc_id=vpc.id,
        cidr_block="10.0.1.0/24",
        availability_zone="us-east-1a",
        map_public_ip_on_launch=False,
    )
    sg = aws.ec2.SecurityGroup(
        "db-sg",
        vpc_id=vpc.id,
        description="database",
        ingress=[
            {
                "protocol": "tcp",
                "from_port": 5432,
                "to_port": 5432,
                "cidr_blocks": ["10.0.0.0/16"],
                "description": "app tier",
            }
        ],
        egress=[
            {
                "protocol": "-1",
                "from_port": 0,
                "to_port": 0,
                "cidr_blocks": ["10.0.0.0/16"],
                "description": "vpc only",
            }
        ],
    )
    aws.vpc.SecurityGroupIngressRule(
        "web-in",
        security_group_id=sg.id,
        ip_protocol="tcp",
        from_port=443,
        to_port=443,
        cidr_ipv4="10.0.0.0/8",
        description="tls",
    )
    aws.ec2.DefaultSecurityGroup("default-sg", vpc_id=vpc.id)
    logs = aws.cloudwatch.LogGroup("flow-logs", retention_in_days=2192, kms_key_id=key.arn)
    role = aws.iam.Role(
        "flow-role",
        assume_role_policy=service_trust_policy("vpc-flow-logs.amazonaws.com"),
    )
    aws.ec2.FlowLog(
        "flow",
        vpc_id=vpc.id,
        traffic_type="ALL",
        log_destination=logs.arn,
        iam_role_arn=role.arn,
        max_aggregation_interval=60,
    )
    bucket = aws.s3.Bucket("phi", bucket="pms-phi-bucket", tags={"Data": "phi"})
    aws.s3.BucketPublicAccessBlock(
        "phi-pab",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        "phi-sse",
        bucket=bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {
                    "sse_algorithm": "aws:kms",
                    "kms_master_key_id": key.arn,
                },
                "bucket_key_enabled": True,
            }
        ],
    )
    aws.s3.BucketVersioning(
        "phi-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
    )
    aws.s3.BucketLifecycleConfiguration(
        "phi-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "archive",
                "status": "Enabled",
                "filter": {"prefix": ""},
                "transitions": [{"days": 90, "storage_class": "GLACIER"}],
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
    )
    aws.s3.BucketObjectLockConfiguration(
        "phi-lock", bucket=bucket.id, rule={"default_retention": {"mode": "COMPLIANCE", "years": 6}}
    )
    aws.s3.BucketPolicy(
        "phi-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "TlsOnly",
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [arn, f"{arn}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ],
                }
            )
        ),
    )
    aws.s3.BucketOwnershipControls(
        "phi-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketLogging(
        "phi-logging", bucket=bucket.id, target_bucket="pms-access-logs", target_prefix="phi/"
    )
    aws.s3.BucketV2("legacy", bucket="pms-legacy-bucket")
    topic = aws.sns.Topic("alerts", kms_master_key_id=key.arn)
    aws.cloudtrail.Trail(
        "trail",
        s3_bucket_name=bucket.id,
        is_multi_region_trail=True,
        enable_log_file_validation=True,
        include_global_service_events=True,
        kms_key_id=key.arn,
        cloud_watch_logs_group_arn=logs.arn.apply(lambda a: f"{a}:*"),
        cloud_watch_logs_role_arn=role.arn,
        sns_topic_name=topic.name,
        event_selectors=[
            {
                "read_write_type": "All",
                "include_management_events": True,
                "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
            }
        ],
    )
    aws.secretsmanager.Secret("app-secret", kms_key_id=key.arn, recovery_window_in_days=30)
    params = aws.rds.ParameterGroup(
        "db-params",
        family="postgres16",
        parameters=[
            {"name": "rds.force_ssl", "value": "1", "apply_method": "pending-reboot"},
            {"name": "log_statement", "value": "ddl"},
        ],
    )
    subnets = aws.rds.SubnetGroup("db-subnets", subnet_ids=[subnet.id])
    aws.rds.Instance(
        "phi-db",
        engine="postgres",
        engine_version="16.3",
        instance_class="db.t3.medium",
        allocated_storage=50,
        db_name="pms",
        username="pms_admin",
        manage_master_user_password=True,
        master_user_secret_kms_key_id=key.arn,
        storage_encrypted=True,
        kms_key_id=key.arn,
        publicly_accessible=False,
        multi_az=True,
        backup_retention_period=35,
        deletion_protection=True,
        copy_tags_to_snapshot=True,
        auto_minor_version_upgrade=True,
        iam_database_authentication_enabled=True,
        monitoring_interval=60,
        monitoring_role_arn=role.arn,
        performance_insights_enabled=True,
        performance_insights_kms_key_id=key.arn,
        enabled_cloudwatch_logs_exports=["postgresql", "upgrade"],
        parameter_group_name=params.name,
        db_subnet_group_name=subnets.name,
        vpc_security_group_ids=[sg.id],
        skip_final_snapshot=False,
        final_snapshot_identifier="pms-final",
    )
    vault = aws.backup.Vault("vault", kms_key_arn=key.arn)
    aws.backup.VaultLockConfiguration(
        "vault-lock",
        backup_vault_name=vault.name,
        min_retention_days=35,
        max_retention_days=2555,
        changeable_for_days=3,
    )
    aws.backup.Plan(
        "plan",
        rules=[
            {
                "rule_name": "daily",
                "target_vault_name": vault.name,
                "schedule": "cron(0 5 * * ? *)",
                "lifecycle": {"delete_after": 35},
                "copy_actions": [{"destination_vault_arn": vault.arn, "lifecycle": {"delete_after": 35}}],
            }
        ],
    )
    aws.ebs.Volume("scratch", availability_zone="us-east-1a", size=20, encrypted=True, kms_key_id=key.arn)
    lb = aws.lb.LoadBalancer(
        "edge",
        load_balancer_type="application",
        internal=False,
        subnets=[subnet.id],
        drop_invalid_header_fields=True,
        enable_deletion_protection=True,
        access_logs={"bucket": "pms-access-logs", "enabled": True, "prefix": "alb"},
    )
    tg = aws.lb.TargetGroup(
        "app",
        port=443,
        protocol="HTTPS",
        vpc_id=vpc.id,
        health_check={"path": "/health", "protocol": "HTTPS"},
    )
    aws.lb.Listener(
        "https",
        load_balancer_arn=lb.arn,
        port=443,
        protocol="HTTPS",
        ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc",
        default_actions=[{"type": "forward", "target_group_arn": tg.arn}],
    )
    aws.guardduty.Detector("detector", enable=True, finding_publishing_frequency="FIFTEEN_MINUTES")
    recorder = aws.cfg.Recorder(
        "recorder",
        role_arn=role.arn,
        recording_group={"all_supported": True, "include_global_resource_types": True},
    )
    aws.cfg.DeliveryChannel(
        "channel",
        s3_bucket_name=bucket.id,
        snapshot_delivery_properties={"delivery_frequency": "One_Hour"},
        opts=pulumi.ResourceOptions(depends_on=[recorder]),
    )
    aws.iam.AccountPasswordPolicy(
        "passwords",
        minimum_password_length=14,
        require_symbols=True,
        require_numbers=True,
        require_lowercase_characters=True,
        require_uppercase_characters=True,
        password_reuse_prevention=24,
        max_password_age=90,
    )


def non_compliant() -> None:
    """The four classic violations: unencrypted RDS, a bucket with no public access block, SSH open to all,
    a trail without log file validation."""
    aws.rds.Instance(
        "plain-db",
        engine="postgres",
        instance_class="db.t3.micro",
        allocated_storage=20,
        username="pms_admin",
        manage_master_user_password=True,
        storage_encrypted=False,
    )
    aws.s3.Bucket("open-bucket", bucket="pms-open-bucket")
    aws.s3.Bucket("edge-alb-logs", bucket="pms-edge-alb-logs")  # named like the bucket a skip applies to
    aws.ec2.SecurityGroup(
        "ssh-world",
        description="ssh",
        ingress=[
            {
                "protocol": "tcp",
                "from_port": 22,
                "to_port": 22,
                "cidr_blocks": ["0.0.0.0/0"],
                "description": "ssh",
            }
        ],
    )
    aws.cloudtrail.Trail(
        "no-validation",
        s3_bucket_name="pms-trail-logs",
        is_multi_region_trail=True,
        enable_log_file_validation=False,
    )


def public_access_blocks() -> None:
    """Three buckets: one whose block references it, one whose block names it literally, one with no block."""
    referenced = aws.s3.Bucket("referenced", bucket="pms-referenced")
    aws.s3.BucketPublicAccessBlock(
        "referenced-pab",
        bucket=referenced.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    aws.s3.Bucket("literal", bucket="pms-literal")
    aws.s3.BucketPublicAccessBlock(
        "literal-pab",
        bucket="pms-literal",
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    aws.s3.Bucket("bare", bucket="pms-bare")
