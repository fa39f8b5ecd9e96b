"""The state-document -> Terraform plan converter: types, attribute names and shapes, references, secrets."""

import argparse
import json

import pytest

from pms_baseline.errors import InputError
from pms_baseline.loader import load_state
from pms_baseline.preview import preview_function
from pms_baseline.state import SECRET_SIG, SIG_KEY, UNKNOWN_VALUE, parse_document
from pms_baseline.tfplan import (
    PROVIDER_NAME,
    TERRAFORM_VERSION,
    add_convert_parser,
    convert,
    convert_main,
    terraform_type,
)
from pms_baseline_pack import tokens as t
from tests.checkov.programs import SECRET_PASSWORD, every_type
from tests.helpers import REPO_ROOT

# Every AWS token the project names, with the Terraform type the provider registry gives it.
TERRAFORM_TYPES = {
    t.KMS_KEY: "aws_kms_key",
    t.KMS_ALIAS: "aws_kms_alias",
    t.VPC: "aws_vpc",
    t.SUBNET: "aws_subnet",
    t.INTERNET_GATEWAY: "aws_internet_gateway",
    t.EGRESS_ONLY_INTERNET_GATEWAY: "aws_egress_only_internet_gateway",
    t.NAT_GATEWAY: "aws_nat_gateway",
    t.EIP: "aws_eip",
    t.ROUTE_TABLE: "aws_route_table",
    t.ROUTE: "aws_route",
    t.ROUTE_TABLE_ASSOCIATION: "aws_route_table_association",
    t.DEFAULT_SECURITY_GROUP: "aws_default_security_group",
    t.SECURITY_GROUP: "aws_security_group",
    t.SECURITY_GROUP_RULE: "aws_security_group_rule",
    t.SG_INGRESS_RULE: "aws_vpc_security_group_ingress_rule",
    t.SG_EGRESS_RULE: "aws_vpc_security_group_egress_rule",
    t.NETWORK_ACL: "aws_network_acl",
    t.NETWORK_ACL_RULE: "aws_network_acl_rule",
    t.NETWORK_ACL_ASSOCIATION: "aws_network_acl_association",
    t.DEFAULT_NETWORK_ACL: "aws_default_network_acl",
    t.FLOW_LOG: "aws_flow_log",
    t.VPC_ENDPOINT: "aws_vpc_endpoint",
    t.VPC_PEERING_CONNECTION: "aws_vpc_peering_connection",
    t.VPC_PEERING_CONNECTION_ACCEPTER: "aws_vpc_peering_connection_accepter",
    t.TRANSIT_GATEWAY_VPC_ATTACHMENT: "aws_ec2_transit_gateway_vpc_attachment",
    t.VPN_GATEWAY: "aws_vpn_gateway",
    t.VPN_CONNECTION: "aws_vpn_connection",
    t.EC2_INSTANCE: "aws_instance",
    t.LAUNCH_TEMPLATE: "aws_launch_template",
    t.EBS_VOLUME: "aws_ebs_volume",
    t.EBS_ENCRYPTION_BY_DEFAULT: "aws_ebs_encryption_by_default",
    t.EBS_DEFAULT_KMS_KEY: "aws_ebs_default_kms_key",
    t.LOG_GROUP: "aws_cloudwatch_log_group",
    t.LOG_METRIC_FILTER: "aws_cloudwatch_log_metric_filter",
    t.METRIC_ALARM: "aws_cloudwatch_metric_alarm",
    t.SNS_TOPIC: "aws_sns_topic",
    t.SNS_TOPIC_SUBSCRIPTION: "aws_sns_topic_subscription",
    t.CLOUDTRAIL: "aws_cloudtrail",
    t.GUARDDUTY_DETECTOR: "aws_guardduty_detector",
    t.GUARDDUTY_DETECTOR_FEATURE: "aws_guardduty_detector_feature",
    t.CONFIG_RECORDER: "aws_config_configuration_recorder",
    t.CONFIG_RECORDER_STATUS: "aws_config_configuration_recorder_status",
    t.CONFIG_DELIVERY_CHANNEL: "aws_config_delivery_channel",
    t.CONFIG_RULE: "aws_config_config_rule",
    t.ACCESS_ANALYZER: "aws_accessanalyzer_analyzer",
    t.IAM_ROLE: "aws_iam_role",
    t.IAM_ROLE_POLICY: "aws_iam_role_policy",
    t.IAM_ROLE_POLICY_ATTACHMENT: "aws_iam_role_policy_attachment",
    t.IAM_POLICY: "aws_iam_policy",
    t.IAM_USER: "aws_iam_user",
    t.IAM_ACCESS_KEY: "aws_iam_access_key",
    t.IAM_ACCOUNT_PASSWORD_POLICY: "aws_iam_account_password_policy",
    t.SNS_TOPIC_POLICY: "aws_sns_topic_policy",
    t.IAM_USER_POLICY: "aws_iam_user_policy",
    t.IAM_USER_POLICY_ATTACHMENT: "aws_iam_user_policy_attachment",
    t.IAM_POLICY_ATTACHMENT: "aws_iam_policy_attachment",
    t.IAM_GROUP_POLICY: "aws_iam_group_policy",
    t.IAM_GROUP_POLICY_ATTACHMENT: "aws_iam_group_policy_attachment",
    t.INTERNET_GATEWAY_ATTACHMENT: "aws_internet_gateway_attachment",
    t.VPN_GATEWAY_ATTACHMENT: "aws_vpn_gateway_attachment",
    t.SECRET: "aws_secretsmanager_secret",
    t.RDS_INSTANCE: "aws_db_instance",
    t.RDS_CLUSTER: "aws_rds_cluster",
    t.RDS_PARAMETER_GROUP: "aws_db_parameter_group",
    t.RDS_CLUSTER_PARAMETER_GROUP: "aws_rds_cluster_parameter_group",
    t.RDS_SUBNET_GROUP: "aws_db_subnet_group",
    t.RDS_SNAPSHOT: "aws_db_snapshot",
    t.RDS_CLUSTER_SNAPSHOT: "aws_db_cluster_snapshot",
    t.RDS_SNAPSHOT_COPY: "aws_db_snapshot_copy",
    t.BACKUP_VAULT: "aws_backup_vault",
    t.BACKUP_VAULT_LOCK: "aws_backup_vault_lock_configuration",
    t.BACKUP_PLAN: "aws_backup_plan",
    t.BACKUP_SELECTION: "aws_backup_selection",
    t.S3_BUCKET: "aws_s3_bucket",
    t.S3_BUCKET_V2: "aws_s3_bucket",
    t.S3_SSE: "aws_s3_bucket_server_side_encryption_configuration",
    t.S3_SSE_V2: "aws_s3_bucket_server_side_encryption_configuration",
    t.S3_VERSIONING: "aws_s3_bucket_versioning",
    t.S3_VERSIONING_V2: "aws_s3_bucket_versioning",
    t.S3_LOGGING: "aws_s3_bucket_logging",
    t.S3_LOGGING_V2: "aws_s3_bucket_logging",
    t.S3_LIFECYCLE: "aws_s3_bucket_lifecycle_configuration",
    t.S3_LIFECYCLE_V2: "aws_s3_bucket_lifecycle_configuration",
    t.S3_OBJECT_LOCK: "aws_s3_bucket_object_lock_configuration",
    t.S3_OBJECT_LOCK_V2: "aws_s3_bucket_object_lock_configuration",
    t.S3_ACL: "aws_s3_bucket_acl",
    t.S3_ACL_V2: "aws_s3_bucket_acl",
    t.S3_PUBLIC_ACCESS_BLOCK: "aws_s3_bucket_public_access_block",
    t.S3_OWNERSHIP_CONTROLS: "aws_s3_bucket_ownership_controls",
    t.S3_POLICY: "aws_s3_bucket_policy",
    t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK: "aws_s3_account_public_access_block",
    t.LOAD_BALANCER: "aws_lb",
    t.ALB_LOAD_BALANCER: "aws_lb",
    t.LB_LISTENER: "aws_lb_listener",
    t.ALB_LISTENER: "aws_lb_listener",
    t.LB_TARGET_GROUP: "aws_lb_target_group",
    t.WAF_WEB_ACL: "aws_wafv2_web_acl",
    t.WAF_WEB_ACL_ASSOCIATION: "aws_wafv2_web_acl_association",
    t.WAF_LOGGING: "aws_wafv2_web_acl_logging_configuration",
}


@pytest.mark.parametrize("token", sorted(TERRAFORM_TYPES))
def test_terraform_type(token):
    assert terraform_type(token) == TERRAFORM_TYPES[token]


def test_every_aws_token_has_an_expected_type():
    named = {v for k, v in vars(t).items() if k.isupper() and isinstance(v, str) and v.startswith("aws:")}
    assert named - set(TERRAFORM_TYPES) == set()


@pytest.mark.parametrize("token", [t.STACK, t.AWS_PROVIDER, t.PMS_DATABASE, "random:index/randomId:RandomId"])
def test_no_terraform_type(token):
    assert terraform_type(token) is None


@pytest.fixture(scope="module")
def plan():
    return convert(parse_document(preview_function(every_type)))


def _planned(plan, address):
    return next(
        r for r in plan.document["planned_values"]["root_module"]["resources"] if r["address"] == address
    )


def _configured(plan, address):
    return next(
        r for r in plan.document["configuration"]["root_module"]["resources"] if r["address"] == address
    )


def _change(plan, address):
    return next(r for r in plan.document["resource_changes"] if r["address"] == address)["change"]


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


def test_every_resource_is_converted(plan):
    assert sorted(plan.resources) == sorted(EXPECTED_VALUES)
    assert plan.skipped == []


@pytest.mark.parametrize("address", sorted(EXPECTED_VALUES))
def test_values_use_terraform_names_and_shapes(plan, address):
    resource = _planned(plan, address)
    tf_type, name = address.split(".")
    assert (resource["type"], resource["name"], resource["mode"]) == (tf_type, name, "managed")
    assert resource["provider_name"] == PROVIDER_NAME
    values = resource["values"]
    assert {k: values.get(k) for k in EXPECTED_VALUES[address]} == EXPECTED_VALUES[address]
    assert all(k == k.lower() for k in values), sorted(values)


@pytest.mark.parametrize("address", sorted(EXPECTED_REFERENCES))
def test_outputs_of_other_resources_are_references(plan, address):
    expressions = _configured(plan, address)["expressions"]
    change = _change(plan, address)
    for attribute, reference in EXPECTED_REFERENCES[address].items():
        assert expressions[attribute]["references"][:2] == [reference, reference.rsplit(".", 1)[0]]
        assert attribute not in _planned(plan, address)["values"] or _planned(plan, address)["values"][
            attribute
        ] == [None]
        assert change["after_unknown"][attribute] in (True, [True])


def test_nested_block_reference(plan):
    expressions = _configured(plan, "aws_s3_bucket_server_side_encryption_configuration.phi_sse")[
        "expressions"
    ]
    assert expressions["rule"] == [
        {
            "apply_server_side_encryption_by_default": [
                {"kms_master_key_id": {"references": ["aws_kms_key.data_key.arn", "aws_kms_key.data_key"]}}
            ]
        }
    ]
    assert _change(plan, "aws_s3_bucket_server_side_encryption_configuration.phi_sse")["after_unknown"][
        "rule"
    ] == [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": True}]}]


def test_value_built_from_an_output_keeps_its_value_and_names_the_reference(plan):
    policy = _planned(plan, "aws_s3_bucket_policy.phi_policy")["values"]["policy"]
    assert json.loads(policy)["Statement"][0]["Resource"] == [
        "arn:aws:s3:::pms-phi-bucket",
        "arn:aws:s3:::pms-phi-bucket/*",
    ]
    assert _configured(plan, "aws_s3_bucket_policy.phi_policy")["expressions"]["policy"] == {
        "references": ["aws_s3_bucket.phi.arn", "aws_s3_bucket.phi"]
    }


def test_explicit_depends_on(plan):
    assert _configured(plan, "aws_config_delivery_channel.channel")["depends_on"] == [
        "aws_config_configuration_recorder.recorder"
    ]
    assert "depends_on" not in _configured(plan, "aws_s3_bucket_public_access_block.phi_pab")


def test_plan_header(plan):
    doc = plan.document
    assert doc["format_version"] == "1.2"
    assert doc["terraform_version"] == TERRAFORM_VERSION
    assert doc["configuration"]["provider_config"]["aws"]["full_name"] == PROVIDER_NAME
    assert {c["change"]["actions"][0] for c in doc["resource_changes"]} == {"create"}
    assert _planned(plan, "aws_db_instance.phi_db")["schema_version"] == 2


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
    db = _planned(plan, "aws_db_instance.db")
    assert "password" not in db["values"]
    assert db["sensitive_values"] == {"password": True}
    version = _planned(plan, "aws_secretsmanager_secret_version.app_credentials")
    assert "secret_string" not in version["values"]
    assert version["sensitive_values"]["secret_string"] is True


def _export(resources):
    return {
        "version": 3,
        "deployment": {"manifest": {"time": "2026-01-01T00:00:00Z"}, "resources": resources},
    }


STACK_URN = "urn:pulumi:prod::pms::pulumi:pulumi:Stack::pms-prod"


def test_real_export_shapes():
    """Plaintext secret envelopes (--show-secrets), preview unknowns and __defaults never reach the plan."""
    doc = parse_document(
        _export(
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
    db = _planned(plan, "aws_db_instance.db")
    assert db["values"] == {"engine": "postgres", "storage_encrypted": True, "identifier": "db-1"}
    assert db["sensitive_values"] == {"password": True}
    assert _change(plan, "aws_db_instance.db")["after_unknown"] == {"endpoint": True, "id": True}
    assert SECRET_PASSWORD not in plan.text()


def test_export_without_property_dependencies_uses_dependencies():
    bucket_urn = "urn:pulumi:prod::pms::aws:s3/bucket:Bucket::logs"
    doc = parse_document(
        _export(
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
    assert _configured(plan, "aws_s3_bucket_public_access_block.logs")["expressions"] == {
        "bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}
    }
    assert _planned(plan, "aws_s3_bucket_public_access_block.logs")["values"] == {"block_public_acls": True}


def test_names_are_terraform_identifiers_and_unique():
    doc = parse_document(
        _export(
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


def _args(*argv):
    parser = argparse.ArgumentParser()
    add_convert_parser(parser.add_subparsers())
    return parser.parse_args(["convert", *argv])


def test_convert_command_writes_the_plan(tmp_path):
    state = tmp_path / "state.json"
    state.write_text(json.dumps(preview_function(every_type)))
    out = tmp_path / "plan.json"
    assert convert_main(_args("--state", str(state), "--to", "terraform-plan", "--out", str(out))) == 0
    written = json.loads(out.read_text())
    assert written["terraform_version"] == TERRAFORM_VERSION
    assert len(written["planned_values"]["root_module"]["resources"]) == len(EXPECTED_VALUES)


@pytest.mark.parametrize(
    "argv, message",
    [
        (("--state", "missing.json"), "missing.json: no such file"),
        (("--state", "{folder}/bad.json"), "{folder}/bad.json: not valid JSON"),
        (
            ("--state", "{folder}/state.json", "--program", "infra"),
            "convert: give --state FILE, or --stack NAME (with --program DIR), not both",
        ),
    ],
)
def test_convert_command_bad_input(tmp_path, argv, message):
    (tmp_path / "bad.json").write_text("{oops")
    (tmp_path / "state.json").write_text(json.dumps(_export([])))
    argv = [a.format(folder=tmp_path) for a in argv]
    with pytest.raises(InputError) as err:
        convert_main(_args(*argv, "--to", "terraform-plan", "--out", str(tmp_path / "plan.json")))
    assert str(err.value).startswith(message.format(folder=tmp_path))
    assert "\n" not in str(err.value)
    assert not (tmp_path / "plan.json").exists()


def test_convert_command_unknown_stack(tmp_path):
    with pytest.raises(InputError) as err:
        convert_main(_args("--stack", "nope", "--to", "terraform-plan", "--out", str(tmp_path / "plan.json")))
    assert "nope" in str(err.value)
    assert "\n" not in str(err.value)


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
    db = _planned(plan, "aws_db_instance.clinic_db")
    assert db["sensitive_values"]["password"] is True
    assert _planned(plan, "aws_rds_cluster.reporting")["sensitive_values"]["master_password"] is True
    assert _configured(plan, "aws_s3_bucket_public_access_block.records_pab")["expressions"] == {
        "bucket": {"references": ["aws_s3_bucket.records.id", "aws_s3_bucket.records"]}
    }
    assert [r.type for r in plan.skipped] == ["tls:index/privateKey:PrivateKey"]
