"""A small program declaring the settings the live checks judge, the way the baseline's components do.

Used until (and besides) the prod stack previews: it runs under the offline preview's mocks, and its state
document is realized in moto by ``pms_baseline.emulate``.
"""

import json

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.keyring import key_policies
from pms_baseline_infra.components.monitoring import METRIC_FILTERS, METRIC_NAMESPACE
from pms_baseline_infra.components.trust import service_trust_policy

ACCOUNT = "123456789012"
REGION = "us-east-1"
TRAIL = "pms-prod-audit"


# What the program leaves out on purpose, each needing a bucket of its own that AWS's delivery contracts accept: AWS
# Config (recorder and delivery channel), load balancer access logs and S3 server access logging. The prod stack
# declares them, and tests/live/test_parity_*.py verify them there. The drift tests here see every other finding.
NOT_DECLARED = ("config-recorder-enabled", "elb-load-balancer-access-logs-enabled", "s3-bucket-logging-enabled")


def declared(findings) -> list[tuple[str, str]]:
    """(rule, message) of ``findings`` in their order, but those of what the program leaves out (NOT_DECLARED)."""
    return [(f.rule, f.message) for f in findings if f.rule not in NOT_DECLARED]


def key_policy(trail: str) -> str:
    """The keyring's PHI and audit-log key policies in one, as this program has one key for both: without the
    grants to CloudTrail and CloudWatch Logs, AWS (and the emulator) refuses the trail and the log groups."""
    policies = key_policies(ACCOUNT, REGION, trail)
    statements = {s["Sid"]: s for name in ("phi-data", "audit-logs") for s in policies[name]["Statement"]}
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements.values())})


def program(environment: str = "prod", cidr: str = "10.10.0.0/16", prefix: str = "pms") -> None:
    tags = {"environment": environment, "project": "pms-baseline"}
    key = aws.kms.Key(
        f"{prefix}-phi-key",
        description="PHI data key",
        enable_key_rotation=True,
        deletion_window_in_days=30,
        policy=key_policy(f"pms-{environment}-audit"),
        tags=tags,
    )
    aws.kms.Alias(f"{prefix}-phi-alias", name=f"alias/{prefix}-{environment}-phi", target_key_id=key.key_id)

    vpc = aws.ec2.Vpc(
        f"{prefix}-vpc",
        cidr_block=cidr,
        enable_dns_support=True,
        enable_dns_hostnames=True,
        tags={**tags, "Name": f"{prefix}-{environment}"},
    )
    base = cidr.split(".")
    public = aws.ec2.Subnet(
        f"{prefix}-public-a",
        vpc_id=vpc.id,
        cidr_block=f"{base[0]}.{base[1]}.0.0/24",
        availability_zone="us-east-1a",
        map_public_ip_on_launch=False,
        tags={**tags, "pms-tier": "public"},
    )
    data = aws.ec2.Subnet(
        f"{prefix}-data-a",
        vpc_id=vpc.id,
        cidr_block=f"{base[0]}.{base[1]}.20.0/24",
        availability_zone="us-east-1a",
        tags={**tags, "pms-tier": "data"},
    )
    igw = aws.ec2.InternetGateway(f"{prefix}-igw", vpc_id=vpc.id, tags=tags)
    public_rt = aws.ec2.RouteTable(f"{prefix}-public-rt", vpc_id=vpc.id, tags={**tags, "pms-tier": "public"})
    aws.ec2.Route(
        f"{prefix}-public-default",
        route_table_id=public_rt.id,
        destination_cidr_block="0.0.0.0/0",
        gateway_id=igw.id,
    )
    aws.ec2.RouteTableAssociation(f"{prefix}-public-a-rta", route_table_id=public_rt.id, subnet_id=public.id)
    data_rt = aws.ec2.RouteTable(f"{prefix}-data-rt", vpc_id=vpc.id, tags=tags)
    aws.ec2.RouteTableAssociation(f"{prefix}-data-a-rta", route_table_id=data_rt.id, subnet_id=data.id)
    # The data tier's own network ACL: the database port from the VPC, replies back into it; nothing else.
    aws.ec2.NetworkAcl(
        f"{prefix}-data-nacl",
        vpc_id=vpc.id,
        subnet_ids=[data.id],
        ingress=[{"protocol": "tcp", "rule_no": 100, "action": "allow", "cidr_block": cidr, "from_port": 5432,
                  "to_port": 5432}],
        egress=[{"protocol": "tcp", "rule_no": 100, "action": "allow", "cidr_block": cidr, "from_port": 1024,
                 "to_port": 65535}],
        tags={**tags, "pms-tier": "data"},
    )
    aws.ec2.DefaultSecurityGroup(f"{prefix}-default-sg", vpc_id=vpc.id, tags=tags)
    lb_sg = aws.ec2.SecurityGroup(
        f"{prefix}-lb-sg",
        vpc_id=vpc.id,
        description="load balancer",
        ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}],
        egress=[{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": [cidr]}],
        tags=tags,
    )
    public_b = aws.ec2.Subnet(
        f"{prefix}-public-b",
        vpc_id=vpc.id,
        cidr_block=f"{base[0]}.{base[1]}.1.0/24",
        availability_zone="us-east-1b",
        tags={**tags, "pms-tier": "public"},
    )
    alb = aws.lb.LoadBalancer(
        f"{prefix}-alb",
        internal=False,
        load_balancer_type="application",
        security_groups=[lb_sg.id],
        subnets=[public.id, public_b.id],
        enable_deletion_protection=True,
        drop_invalid_header_fields=True,
        tags=tags,
    )
    # What the Edge component puts in front of an internet-facing load balancer: a web ACL, logged.
    visibility = {"cloudwatch_metrics_enabled": True, "metric_name": f"{prefix}-waf", "sampled_requests_enabled": True}
    web_acl = aws.wafv2.WebAcl(
        f"{prefix}-waf", scope="REGIONAL", default_action={"allow": {}}, visibility_config=visibility, tags=tags,
        rules=[{"name": "rate-limit", "priority": 1, "action": {"block": {}},
                "statement": {"rate_based_statement": {"limit": 2000, "aggregate_key_type": "IP"}},
                "visibility_config": {**visibility, "metric_name": "rate-limit"}}],
    )
    aws.wafv2.WebAclAssociation(f"{prefix}-waf-association", resource_arn=alb.arn, web_acl_arn=web_acl.arn)
    waf_logs = aws.cloudwatch.LogGroup(
        f"{prefix}-waf-logs", name=f"aws-waf-logs-pms-{environment}", retention_in_days=365, kms_key_id=key.arn,
        tags=tags,
    )
    aws.wafv2.WebAclLoggingConfiguration(
        f"{prefix}-waf-logging", resource_arn=web_acl.arn, log_destination_configs=[waf_logs.arn]
    )
    app_sg = aws.ec2.SecurityGroup(f"{prefix}-app-sg", vpc_id=vpc.id, description="app tier", tags=tags)
    aws.vpc.SecurityGroupIngressRule(
        f"{prefix}-app-from-lb",
        security_group_id=app_sg.id,
        ip_protocol="tcp",
        from_port=8443,
        to_port=8443,
        referenced_security_group_id=lb_sg.id,
    )
    db_sg = aws.ec2.SecurityGroup(f"{prefix}-db-sg", vpc_id=vpc.id, description="database", tags=tags)
    aws.vpc.SecurityGroupIngressRule(
        f"{prefix}-db-from-app",
        security_group_id=db_sg.id,
        ip_protocol="tcp",
        from_port=5432,
        to_port=5432,
        referenced_security_group_id=app_sg.id,
    )
    flow_group = aws.cloudwatch.LogGroup(
        f"{prefix}-flow-logs",
        name=f"/pms/{environment}/vpc-flow-logs",
        retention_in_days=365,
        kms_key_id=key.arn,
        tags=tags,
    )
    flow_role = aws.iam.Role(
        f"{prefix}-flow-role",
        assume_role_policy=service_trust_policy("vpc-flow-logs.amazonaws.com"),
    )
    aws.ec2.FlowLog(
        f"{prefix}-flow-log",
        vpc_id=vpc.id,
        traffic_type="ALL",
        log_destination=flow_group.arn,
        iam_role_arn=flow_role.arn,
        tags=tags,
    )

    # Backups: locked vault and daily/monthly plan.
    vault = aws.backup.Vault(
        f"{prefix}-vault", name=f"pms-{environment}-vault", kms_key_arn=key.arn, tags=tags
    )
    aws.backup.VaultLockConfiguration(
        f"{prefix}-vault-lock",
        backup_vault_name=vault.name,
        min_retention_days=35,
        max_retention_days=3650,
        changeable_for_days=3,
    )
    plan = aws.backup.Plan(
        f"{prefix}-plan",
        name=f"pms-{environment}-plan",
        rules=[
            {
                "rule_name": "daily",
                "target_vault_name": vault.name,
                "schedule": "cron(0 5 ? * * *)",
                "lifecycle": {"delete_after": 35},
            },
            {
                "rule_name": "monthly",
                "target_vault_name": vault.name,
                "schedule": "cron(0 5 1 * ? *)",
                "lifecycle": {"delete_after": 2555},
            },
        ],
        tags=tags,
    )

    subnet_group = aws.rds.SubnetGroup(f"{prefix}-db-subnets", subnet_ids=[data.id], tags=tags)
    # What PhiDatabase sets for the rules verify also judges live (rds_settings.py): TLS forced by the parameter
    # group, Enhanced Monitoring with its role, the master secret under the customer-managed key. (The role's AWS
    # managed policy is left out: moto has none unless told to load them, and no check reads it.)
    db_params = aws.rds.ParameterGroup(
        f"{prefix}-db-params",
        family="postgres16",
        parameters=[aws.rds.ParameterGroupParameterArgs(name="rds.force_ssl", value="1")],
        tags=tags,
    )
    db_monitoring = aws.iam.Role(
        f"{prefix}-db-monitoring", assume_role_policy=service_trust_policy("monitoring.rds.amazonaws.com"), tags=tags
    )
    db = aws.rds.Instance(
        f"{prefix}-db",
        identifier=f"pms-{environment}-db",
        engine="postgres",
        engine_version="16.4",
        instance_class="db.t3.medium",
        allocated_storage=50,
        storage_encrypted=True,
        kms_key_id=key.arn,
        publicly_accessible=False,
        backup_retention_period=35,
        deletion_protection=True,
        iam_database_authentication_enabled=True,
        multi_az=True,
        enabled_cloudwatch_logs_exports=["postgresql", "upgrade"],
        db_subnet_group_name=subnet_group.name,
        vpc_security_group_ids=[db_sg.id],
        username="pmsadmin",
        manage_master_user_password=True,
        master_user_secret_kms_key_id=key.arn,
        parameter_group_name=db_params.name,
        copy_tags_to_snapshot=True,
        monitoring_interval=60,
        monitoring_role_arn=db_monitoring.arn,
        auto_minor_version_upgrade=True,
        skip_final_snapshot=False,
        final_snapshot_identifier=f"pms-{environment}-final",
        tags=tags,
    )
    # The database in the plan, and recovery points nobody deletes by hand (what BackupVault declares).
    backup_role = aws.iam.Role(
        f"{prefix}-backup-role", assume_role_policy=service_trust_policy("backup.amazonaws.com"), tags=tags
    )
    aws.backup.Selection(
        f"{prefix}-selection", name=f"pms-{environment}-phi", plan_id=plan.id, iam_role_arn=backup_role.arn,
        resources=[db.arn],
    )
    aws.backup.VaultPolicy(
        f"{prefix}-vault-policy",
        backup_vault_name=vault.name,
        policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "DenyManualRecoveryPointDeletion", "Effect": "Deny", "Principal": "*",
            "Action": ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
                       "backup:PutBackupVaultAccessPolicy"],
            "Resource": "*"}]}),
    )

    # Audit trail: Object Lock bucket, encrypted, private, TLS-only, versioned.
    bucket_name = f"pms-{environment}-audit-{ACCOUNT}"
    bucket = aws.s3.Bucket(f"{prefix}-audit-bucket", bucket=bucket_name, object_lock_enabled=True, tags=tags)
    aws.s3.BucketVersioning(
        f"{prefix}-audit-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{prefix}-audit-sse",
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
    aws.s3.BucketPublicAccessBlock(
        f"{prefix}-audit-pab",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
    )
    aws.s3.BucketOwnershipControls(
        f"{prefix}-audit-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketLifecycleConfiguration(
        f"{prefix}-audit-lifecycle",
        bucket=bucket.id,
        rules=[{"id": "archive-log-files", "status": "Enabled", "filter": {},
                "transitions": [{"days": 90, "storage_class": "GLACIER"}],
                "noncurrent_version_transitions": [{"noncurrent_days": 30, "storage_class": "GLACIER"}]}],
    )
    aws.s3.BucketObjectLockConfiguration(
        f"{prefix}-audit-lock",
        bucket=bucket.id,
        rule={"default_retention": {"mode": "COMPLIANCE", "days": 2190}},
    )
    aws.s3.BucketPolicy(
        f"{prefix}-audit-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "DenyInsecureTransport",
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [arn, f"{arn}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        },
                        {
                            "Sid": "CloudTrailWrite",
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudtrail.amazonaws.com"},
                            "Action": "s3:PutObject",
                            "Resource": f"{arn}/AWSLogs/{ACCOUNT}/*",
                        },
                    ],
                }
            )
        ),
    )
    trail_group = aws.cloudwatch.LogGroup(
        f"{prefix}-trail-logs",
        name=f"/pms/{environment}/cloudtrail",
        retention_in_days=365,
        kms_key_id=key.arn,
        tags=tags,
    )
    trail_role = aws.iam.Role(
        f"{prefix}-trail-role",
        assume_role_policy=service_trust_policy("cloudtrail.amazonaws.com"),
    )
    aws.cloudtrail.Trail(
        f"{prefix}-trail",
        name=f"pms-{environment}-audit",
        s3_bucket_name=bucket.id,
        is_multi_region_trail=True,
        include_global_service_events=True,
        enable_log_file_validation=True,
        kms_key_id=key.arn,
        enable_logging=True,
        cloud_watch_logs_group_arn=trail_group.arn.apply(lambda a: f"{a}:*"),
        cloud_watch_logs_role_arn=trail_role.arn,
        event_selectors=[
            {
                "read_write_type": "All",
                "include_management_events": True,
                "data_resources": [
                    {"type": "AWS::S3::Object", "values": [bucket.arn.apply(lambda a: f"{a}/")]}
                ],
            }
        ],
        tags=tags,
    )
    # The CIS alarms on the trail's log group, to a topic encrypted with the key, as Monitoring declares them.
    topic = aws.sns.Topic(f"{prefix}-alarms", kms_master_key_id=key.arn, tags=tags)
    for name, pattern in METRIC_FILTERS.items():
        metric = "".join(part.capitalize() for part in name.split("-"))
        aws.cloudwatch.LogMetricFilter(
            f"{prefix}-{name}",
            log_group_name=trail_group.name,
            pattern=pattern,
            metric_transformation={"name": metric, "namespace": METRIC_NAMESPACE, "value": "1"},
        )
        aws.cloudwatch.MetricAlarm(
            f"{prefix}-{name}-alarm",
            namespace=METRIC_NAMESPACE,
            metric_name=metric,
            statistic="Sum",
            period=300,
            evaluation_periods=1,
            threshold=1,
            comparison_operator="GreaterThanOrEqualToThreshold",
            alarm_actions=[topic.arn],
        )
    aws.ebs.EncryptionByDefault(f"{prefix}-ebs-default", enabled=True)
    aws.ebs.DefaultKmsKey(f"{prefix}-ebs-key", key_arn=key.arn)
    aws.accessanalyzer.Analyzer(f"{prefix}-analyzer", analyzer_name=f"pms-{environment}", type="ACCOUNT", tags=tags)

    aws.guardduty.Detector(f"{prefix}-detector", enable=True, tags=tags)
    aws.iam.AccountPasswordPolicy(
        f"{prefix}-password-policy",
        minimum_password_length=14,
        password_reuse_prevention=24,
        max_password_age=90,
        require_lowercase_characters=True,
        require_uppercase_characters=True,
        require_numbers=True,
        require_symbols=True,
        allow_users_to_change_password=True,
    )
    aws.s3.AccountPublicAccessBlock(
        f"{prefix}-account-pab",
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
    )
    pulumi.export("vpcId", vpc.id)


def add_what_it_leaves_out(session=None, endpoint_url=None, region=REGION) -> None:
    """Give an account realized from the program what NOT_DECLARED names, by hand as an operator would, so a
    whole ``pms-baseline verify`` of it (the CLI, no finding filtered) is clean: a Config recorder, server access
    logs of the audit bucket and the load balancer's logs, all delivered to a log bucket of their own."""
    import boto3

    session = session or boto3.Session(region_name=region)

    def client(name):
        return session.client(name, region_name=region, endpoint_url=endpoint_url)

    # AWS delivers none of these into the Object-Locked, KMS-encrypted audit bucket (Config refuses an
    # Object-Locked bucket; S3 server access logs and load balancer logs need SSE-S3 and no default retention):
    # they go to a log bucket of their own, encrypted with SSE-S3, private, TLS-only, versioned.
    logs = f"pms-prod-logs-{ACCOUNT}"
    s3 = client("s3")
    s3.create_bucket(Bucket=logs)
    # pms-role=access-logs: a log-delivery bucket, which AWS writes only with SSE-S3 (s3-bucket-kms-encrypted).
    s3.put_bucket_tagging(Bucket=logs, Tagging={"TagSet": [{"Key": "environment", "Value": "prod"},
                                                           {"Key": "pms-role", "Value": "access-logs"}]})
    s3.put_bucket_encryption(Bucket=logs, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_public_access_block(Bucket=logs, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_versioning(Bucket=logs, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_ownership_controls(Bucket=logs, OwnershipControls={"Rules": [
        {"ObjectOwnership": "BucketOwnerEnforced"}]})
    s3.put_bucket_lifecycle_configuration(Bucket=logs, LifecycleConfiguration={"Rules": [
        {"ID": "expire-old-versions", "Status": "Enabled", "Filter": {},
         "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]})
    arn = f"arn:aws:s3:::{logs}"
    delivery = [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "ConfigCheck", "Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"},
         "Action": ["s3:GetBucketAcl", "s3:ListBucket"], "Resource": arn},
        {"Sid": "ConfigWrite", "Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"{arn}/AWSLogs/{ACCOUNT}/Config/*"},
        {"Sid": "LoadBalancerLogs", "Effect": "Allow",
         "Principal": {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"{arn}/AWSLogs/{ACCOUNT}/*"},
        {"Sid": "ServerAccessLogs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"{arn}/*"},
    ]
    cfg = client("config")
    cfg.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "recordingGroup": {"allSupported": True},
        "roleARN": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"})
    cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": logs})
    cfg.start_configuration_recorder(ConfigurationRecorderName="default")
    # moto reads every statement's Principal of the target's policy as a map (and fails on "*"): the target is
    # shown its delivery statements alone while logging is put, then its whole policy is put.
    s3.put_bucket_policy(Bucket=logs, Policy=json.dumps({"Version": "2012-10-17", "Statement": delivery[1:]}))
    for source in (f"pms-prod-audit-{ACCOUNT}", logs):
        s3.put_bucket_logging(Bucket=source, BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": logs, "TargetPrefix": f"access/{source}/"}})
    s3.put_bucket_policy(Bucket=logs, Policy=json.dumps({"Version": "2012-10-17", "Statement": delivery}))
    elb = client("elbv2")
    for lb in elb.describe_load_balancers()["LoadBalancers"]:
        elb.modify_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"], Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": logs}])
