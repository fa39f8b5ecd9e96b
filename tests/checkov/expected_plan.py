"""What the Terraform plan of ``programs.every_type`` holds, as the provider names and shapes attributes."""

import json

# Attributes as the Terraform AWS provider names and shapes them: blocks are lists of objects, maps stay maps.
EXPECTED_VALUES = {
    "aws_kms_key.data_key": {
        "enable_key_rotation": True,
        "deletion_window_in_days": 30,
        "description": "PHI data key",
    },
    "aws_kms_alias.data_alias": {"name": "alias/phi-data"},
    "aws_vpc.net": {
        "cidr_block": "10.0.0.0/16",
        "enable_dns_hostnames": True,
        "enable_dns_support": True,
        "tags": {"Name": "pms"},
    },
    "aws_subnet.data_a": {
        "cidr_block": "10.0.1.0/24",
        "availability_zone": "us-east-1a",
        "map_public_ip_on_launch": False,
    },
    "aws_security_group.db_sg": {
        "description": "database",
        "ingress": [
            {
                "protocol": "tcp",
                "from_port": 5432,
                "to_port": 5432,
                "cidr_blocks": ["10.0.0.0/16"],
                "description": "app tier",
            }
        ],
        "egress": [
            {
                "protocol": "-1",
                "from_port": 0,
                "to_port": 0,
                "cidr_blocks": ["10.0.0.0/16"],
                "description": "vpc only",
            }
        ],
    },
    "aws_vpc_security_group_ingress_rule.web_in": {
        "ip_protocol": "tcp",
        "from_port": 443,
        "to_port": 443,
        "cidr_ipv4": "10.0.0.0/8",
        "description": "tls",
    },
    "aws_default_security_group.default_sg": {"ingress": [], "egress": []},
    "aws_cloudwatch_log_group.flow_logs": {"retention_in_days": 2192},
    "aws_flow_log.flow": {"traffic_type": "ALL", "max_aggregation_interval": 60},
    "aws_iam_role.flow_role": {
        "assume_role_policy": json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        )
    },
    "aws_s3_bucket.phi": {"bucket": "pms-phi-bucket", "tags": {"Data": "phi"}},
    "aws_s3_bucket.legacy": {"bucket": "pms-legacy-bucket"},
    "aws_s3_bucket_public_access_block.phi_pab": {
        "block_public_acls": True,
        "block_public_policy": True,
        "ignore_public_acls": True,
        "restrict_public_buckets": True,
    },
    "aws_s3_bucket_server_side_encryption_configuration.phi_sse": {
        "rule": [
            {
                "apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}],
                "bucket_key_enabled": True,
            }
        ]
    },
    "aws_s3_bucket_versioning.phi_versioning": {"versioning_configuration": [{"status": "Enabled"}]},
    "aws_s3_bucket_lifecycle_configuration.phi_lifecycle": {
        "rule": [
            {
                "id": "archive",
                "status": "Enabled",
                "filter": [{"prefix": ""}],
                "transition": [{"days": 90, "storage_class": "GLACIER"}],
                "abort_incomplete_multipart_upload": [{"days_after_initiation": 7}],
            }
        ]
    },
    "aws_s3_bucket_object_lock_configuration.phi_lock": {
        "rule": [{"default_retention": [{"mode": "COMPLIANCE", "years": 6}]}]
    },
    "aws_s3_bucket_ownership_controls.phi_ownership": {"rule": [{"object_ownership": "BucketOwnerEnforced"}]},
    "aws_s3_bucket_logging.phi_logging": {"target_bucket": "pms-access-logs", "target_prefix": "phi/"},
    "aws_s3_bucket_policy.phi_policy": {},
    "aws_sns_topic.alerts": {},
    "aws_cloudtrail.trail": {
        "is_multi_region_trail": True,
        "enable_log_file_validation": True,
        "include_global_service_events": True,
        "event_selector": [
            {
                "read_write_type": "All",
                "include_management_events": True,
                "data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
            }
        ],
    },
    "aws_secretsmanager_secret.app_secret": {"recovery_window_in_days": 30},
    "aws_db_parameter_group.db_params": {
        "family": "postgres16",
        "parameter": [
            {"name": "rds.force_ssl", "value": "1", "apply_method": "pending-reboot"},
            {"name": "log_statement", "value": "ddl"},
        ],
    },
    "aws_db_subnet_group.db_subnets": {"subnet_ids": [None]},
    "aws_db_instance.phi_db": {
        "engine": "postgres",
        "engine_version": "16.3",
        "instance_class": "db.t3.medium",
        "allocated_storage": 50,
        "db_name": "pms",
        "username": "pms_admin",
        "manage_master_user_password": True,
        "storage_encrypted": True,
        "publicly_accessible": False,
        "multi_az": True,
        "backup_retention_period": 35,
        "deletion_protection": True,
        "copy_tags_to_snapshot": True,
        "auto_minor_version_upgrade": True,
        "iam_database_authentication_enabled": True,
        "monitoring_interval": 60,
        "performance_insights_enabled": True,
        "enabled_cloudwatch_logs_exports": ["postgresql", "upgrade"],
        "vpc_security_group_ids": [None],
        "skip_final_snapshot": False,
        "final_snapshot_identifier": "pms-final",
    },
    "aws_backup_vault.vault": {},
    "aws_backup_vault_lock_configuration.vault_lock": {
        "min_retention_days": 35,
        "max_retention_days": 2555,
        "changeable_for_days": 3,
    },
    "aws_backup_plan.plan": {
        "rule": [
            {
                "rule_name": "daily",
                "schedule": "cron(0 5 * * ? *)",
                "lifecycle": [{"delete_after": 35}],
                "copy_action": [{"lifecycle": [{"delete_after": 35}]}],
            }
        ]
    },
    "aws_ebs_volume.scratch": {"availability_zone": "us-east-1a", "size": 20, "encrypted": True},
    "aws_lb.edge": {
        "load_balancer_type": "application",
        "internal": False,
        "drop_invalid_header_fields": True,
        "enable_deletion_protection": True,
        "subnets": [None],
        "access_logs": [{"bucket": "pms-access-logs", "enabled": True, "prefix": "alb"}],
    },
    "aws_lb_target_group.app": {
        "port": 443,
        "protocol": "HTTPS",
        "health_check": [{"path": "/health", "protocol": "HTTPS"}],
    },
    "aws_lb_listener.https": {
        "port": 443,
        "protocol": "HTTPS",
        "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        "default_action": [{"type": "forward"}],
    },
    "aws_guardduty_detector.detector": {"enable": True, "finding_publishing_frequency": "FIFTEEN_MINUTES"},
    "aws_config_configuration_recorder.recorder": {
        "recording_group": [{"all_supported": True, "include_global_resource_types": True}]
    },
    "aws_config_delivery_channel.channel": {
        "snapshot_delivery_properties": [{"delivery_frequency": "One_Hour"}]
    },
    "aws_iam_account_password_policy.passwords": {
        "minimum_password_length": 14,
        "require_symbols": True,
        "require_numbers": True,
        "require_lowercase_characters": True,
        "require_uppercase_characters": True,
        "password_reuse_prevention": 24,
        "max_password_age": 90,
    },
}


# Attributes that are other resources' outputs: unknown in a create plan, references in the configuration.
EXPECTED_REFERENCES = {
    "aws_kms_alias.data_alias": {"target_key_id": "aws_kms_key.data_key.id"},
    "aws_subnet.data_a": {"vpc_id": "aws_vpc.net.id"},
    "aws_security_group.db_sg": {"vpc_id": "aws_vpc.net.id"},
    "aws_vpc_security_group_ingress_rule.web_in": {"security_group_id": "aws_security_group.db_sg.id"},
    "aws_cloudwatch_log_group.flow_logs": {"kms_key_id": "aws_kms_key.data_key.arn"},
    "aws_flow_log.flow": {
        "vpc_id": "aws_vpc.net.id",
        "log_destination": "aws_cloudwatch_log_group.flow_logs.arn",
        "iam_role_arn": "aws_iam_role.flow_role.arn",
    },
    "aws_s3_bucket_public_access_block.phi_pab": {"bucket": "aws_s3_bucket.phi.id"},
    "aws_s3_bucket_versioning.phi_versioning": {"bucket": "aws_s3_bucket.phi.id"},
    "aws_sns_topic.alerts": {"kms_master_key_id": "aws_kms_key.data_key.arn"},
    "aws_cloudtrail.trail": {
        "s3_bucket_name": "aws_s3_bucket.phi.id",
        "kms_key_id": "aws_kms_key.data_key.arn",
        "sns_topic_name": "aws_sns_topic.alerts.name",
    },
    "aws_secretsmanager_secret.app_secret": {"kms_key_id": "aws_kms_key.data_key.arn"},
    "aws_db_instance.phi_db": {
        "kms_key_id": "aws_kms_key.data_key.arn",
        "performance_insights_kms_key_id": "aws_kms_key.data_key.arn",
        "master_user_secret_kms_key_id": "aws_kms_key.data_key.arn",
        "parameter_group_name": "aws_db_parameter_group.db_params.name",
        "db_subnet_group_name": "aws_db_subnet_group.db_subnets.name",
        "vpc_security_group_ids": "aws_security_group.db_sg.id",
        "monitoring_role_arn": "aws_iam_role.flow_role.arn",
    },
    "aws_backup_vault.vault": {"kms_key_arn": "aws_kms_key.data_key.arn"},
    "aws_ebs_volume.scratch": {"kms_key_id": "aws_kms_key.data_key.arn"},
    "aws_lb_listener.https": {"load_balancer_arn": "aws_lb.edge.arn"},
    "aws_config_configuration_recorder.recorder": {"role_arn": "aws_iam_role.flow_role.arn"},
}
