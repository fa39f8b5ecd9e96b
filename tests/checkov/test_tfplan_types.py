"""The converter's resource types: every AWS token the project names maps to its Terraform type; others to none."""

import pytest

from pms_baseline.tfplan import terraform_type
from pms_baseline_pack import tokens as t

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
    t.BACKUP_VAULT_POLICY: "aws_backup_vault_policy",
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
