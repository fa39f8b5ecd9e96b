"""Names in the Terraform AWS provider for what pulumi-aws names otherwise: resource types, attributes, schema
versions, and the properties the provider marks sensitive.

pulumi-aws is bridged from the Terraform AWS provider: a Pulumi resource's properties are the Terraform
resource's attributes in camelCase, MaxItems=1 blocks flattened to objects and block lists pluralized. These
tables and rules undo that naming; ``pms_baseline.tfplan`` uses them to write a plan.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Terraform types whose name is not `aws_<module>_<member>` (Pulumi moved them into a module of their own).
TYPE_OVERRIDES: dict[str, str] = {
    "aws:alb/loadBalancer:LoadBalancer": "aws_lb",
    "aws:alb/listener:Listener": "aws_lb_listener",
    "aws:alb/listenerRule:ListenerRule": "aws_lb_listener_rule",
    "aws:alb/targetGroup:TargetGroup": "aws_lb_target_group",
    "aws:alb/targetGroupAttachment:TargetGroupAttachment": "aws_lb_target_group_attachment",
    "aws:lb/loadBalancer:LoadBalancer": "aws_lb",
    "aws:cloudtrail/trail:Trail": "aws_cloudtrail",
    "aws:cfg/recorder:Recorder": "aws_config_configuration_recorder",
    "aws:cfg/recorderStatus:RecorderStatus": "aws_config_configuration_recorder_status",
    "aws:cfg/rule:Rule": "aws_config_config_rule",
    "aws:rds/instance:Instance": "aws_db_instance",
    "aws:rds/parameterGroup:ParameterGroup": "aws_db_parameter_group",
    "aws:rds/subnetGroup:SubnetGroup": "aws_db_subnet_group",
    "aws:rds/optionGroup:OptionGroup": "aws_db_option_group",
    "aws:rds/snapshot:Snapshot": "aws_db_snapshot",
    "aws:rds/snapshotCopy:SnapshotCopy": "aws_db_snapshot_copy",
    "aws:rds/clusterSnapshot:ClusterSnapshot": "aws_db_cluster_snapshot",
    "aws:rds/eventSubscription:EventSubscription": "aws_db_event_subscription",
    "aws:rds/proxy:Proxy": "aws_db_proxy",
    "aws:ec2/instance:Instance": "aws_instance",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "aws_ec2_transit_gateway",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "aws_ec2_transit_gateway_vpc_attachment",
    "aws:ec2/managedPrefixList:ManagedPrefixList": "aws_ec2_managed_prefix_list",
    "aws:cloudwatch/logGroup:LogGroup": "aws_cloudwatch_log_group",
    "aws:lambda/function:Function": "aws_lambda_function",
    # Classic Load Balancers: Terraform kept their original names (aws_elb, aws_load_balancer_*, aws_lb_*).
    "aws:elb/loadBalancer:LoadBalancer": "aws_elb",
    "aws:elb/loadBalancerPolicy:LoadBalancerPolicy": "aws_load_balancer_policy",
    "aws:elb/listenerPolicy:ListenerPolicy": "aws_load_balancer_listener_policy",
    "aws:elb/loadBalancerBackendServerPolicy:LoadBalancerBackendServerPolicy":
        "aws_load_balancer_backend_server_policy",
    "aws:elb/sslNegotiationPolicy:SslNegotiationPolicy": "aws_lb_ssl_negotiation_policy",
    "aws:elb/loadBalancerCookieStickinessPolicy:LoadBalancerCookieStickinessPolicy": "aws_lb_cookie_stickiness_policy",
    "aws:elb/appCookieStickinessPolicy:AppCookieStickinessPolicy": "aws_app_cookie_stickiness_policy",
}

# Module -> Terraform name prefix where it is not the module name ("" = bare `aws_<member>`).
MODULE_PREFIXES: dict[str, str] = {
    "ec2": "",
    "cfg": "config",
    "apigateway": "api_gateway",
    "alb": "lb",
    "applicationloadbalancing": "lb",
    "elasticloadbalancingv2": "lb",
    "elasticbeanstalk": "elastic_beanstalk",
}

# Attributes that are maps in the provider schema (a nested object under them is not a block).
MAP_ATTRIBUTES = frozenset(
    {
        "tags",
        "tags_all",
        "variables",
        "metadata",
        "context",
        "dimensions",
        "volume_tags",
        "instance_tags",
        "resource_tags",
        "recovery_point_tags",
        "allocation_resource_tags",
        "additional_encryption_context",
        "authentication_request_extra_params",
        "restore_metadata_overrides",
        "resource_type_opt_in_preference",
        "resource_type_management_preference",
        "global_settings",
        "endpoints",
        "query_string_parameters",
        "input_paths",
        "header_parameters",
        "encryption_context_subset",
        "encryption_context_equals",
        "backup_options",
        "parameters_map",
    }
)

# Pulumi property -> Terraform attribute where more than camelCase differs, per Terraform type (any depth).
# Block lists Pulumi pluralized are singularized by rule (`_singular`); these are the exceptions to that rule
# (Terraform names that are plural themselves) and the renames no rule derives.
PROPERTY_RENAMES: dict[str, dict[str, str]] = {
    "aws_config_configuration_recorder": {"exclusionByResourceTypes": "exclusion_by_resource_types"},
    "aws_launch_template": {
        "blockDeviceMappings": "block_device_mappings",
        "networkInterfaces": "network_interfaces",
        "tagSpecifications": "tag_specifications",
        "licenseSpecifications": "license_specification",
    },
    "aws_ecs_service": {"placementConstraints": "placement_constraints"},
    "aws_ecs_task_definition": {"placementConstraints": "placement_constraints"},
    "aws_db_option_group": {"options": "option", "optionSettings": "option_settings"},
}

# Terraform resource schema versions that are not 0 (the plan records them; state upgraders key on them).
SCHEMA_VERSIONS: dict[str, int] = {
    "aws_db_instance": 2,
    "aws_security_group": 1,
    "aws_instance": 1,
    "aws_s3_bucket": 1,
    "aws_cloudwatch_metric_alarm": 1,
    "aws_lb_listener": 1,
}

# Properties the provider schema marks sensitive, by Pulumi module: never written, even when a program passed
# them in plain text and the state does not mark them secret (an offline preview has no provider to do it).
SENSITIVE_PROPERTIES: dict[str, tuple[str, ...]] = {
    "rds": ("password", "masterPassword", "passwordWo", "masterPasswordWo"),
    "secretsmanager": ("secretString", "secretBinary", "secretStringWo"),
    "iam": ("secret", "sesSmtpPasswordV4", "encryptedSecret", "encryptedSesSmtpPasswordV4", "password"),
    "ssm": ("value", "valueWo", "insecureValue"),
    "docdb": ("masterPassword",),
    "redshift": ("masterPassword",),
    "elasticache": ("authToken",),
    "mq": ("users",),
    "opensearch": ("masterUserPassword",),
}


@lru_cache(maxsize=4096)
def snake_case(name: str) -> str:
    """``masterUserSecretKmsKeyId`` -> ``master_user_secret_kms_key_id`` (remembered: a plan converts the same
    few hundred property names once per resource)."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return name.lower()


def terraform_type(token: str) -> str | None:
    """The Terraform resource type of an AWS type token, or None for a token with no Terraform counterpart."""
    if token in TYPE_OVERRIDES:
        return TYPE_OVERRIDES[token]
    parts = token.split(":")
    if len(parts) != 3 or parts[0] != "aws" or "/" not in parts[1]:
        return None
    module, member = parts[1].split("/", 1)
    member = re.sub(r"V2$", "", member)
    prefix = MODULE_PREFIXES.get(module, module)
    return "_".join(p for p in ("aws", prefix, snake_case(member)) if p)


def _singular(snake: str) -> str:
    if snake.endswith(("ss", "us", "is")):
        return snake
    if snake.endswith("ies"):
        return snake[:-3] + "y"
    if snake.endswith(("sses", "shes", "ches", "xes")):
        return snake[:-2]
    return snake[:-1] if snake.endswith("s") else snake


def attribute_name(tf_type: str, prop: str, value: Any) -> str:
    """The Terraform attribute for a Pulumi property of ``tf_type`` holding ``value``."""
    renamed = PROPERTY_RENAMES.get(tf_type, {}).get(prop)
    if renamed:
        return renamed
    snake = snake_case(prop)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return _singular(snake)
    return snake
