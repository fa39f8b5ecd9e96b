"""The PMS application on ECS Fargate: a workload stack on the pms-baseline account baseline.

It declares only the application: an ECS cluster, the task definition, the service in the baseline's app subnets,
the task's log group and roles, and an Edge (the baseline's ALB + WAF component) in front. Everything of the
account (trail, AWS Config, GuardDuty, password policy, EBS and S3 account settings, the network and its keys) is
the baseline stack's, read here through a StackReference. So the stack declares its role, ``workload``, in its
config (``pms-baseline:stackRole``), as a stack output of that name and as a tag on every resource: the gate and the
CrossGuard pack then judge it on its own resources, and the account with the baseline's state beside it.
"""

import json

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.edge import APP_PORT, Edge, EdgeArgs

ROLE_KEY = "pms-baseline:stackRole"
CONTAINER = "pms-app"
# A non-root user of the image (uid:gid). AWS Config's ecs-task-definition-user-for-host-mode-check asks for one
# in host network mode only; the task runs in awsvpc mode and is non-root all the same.
APP_USER = "10001:10001"

config = pulumi.Config()
role = pulumi.Config("pms-baseline").get("stackRole") or "workload"
environment = config.require("environment")
tags = {"project": "pms-workload", "environment": environment, "managed-by": "pulumi", ROLE_KEY: role}
region = aws.get_region().region
log_retention_days = config.get_int("logRetentionDays") or 400

baseline = pulumi.StackReference("baseline", config.require("baselineStack"))
vpc_id = baseline.require_output("vpcId")
app_subnet_ids = baseline.require_output("appSubnetIds")
app_security_group_id = baseline.require_output("appSecurityGroupId")
key_arns = baseline.require_output("keyArns")
audit_key_arn = key_arns.apply(lambda keys: keys["audit-logs"])

# 164.312(b): the application's logs, encrypted with the baseline's audit key and kept as long as its own logs.
app_logs = aws.cloudwatch.LogGroup(
    "pms-app-logs", kms_key_id=audit_key_arn, retention_in_days=log_retention_days, tags=tags
)

ecs_trust = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
})
# The execution role pulls the image and writes the container's logs; the task role is the application's own
# identity, with no permissions until the application needs some.
execution_role = aws.iam.Role("pms-app-execution", assume_role_policy=ecs_trust, tags=tags)
aws.iam.RolePolicyAttachment(
    "pms-app-execution-policy", role=execution_role.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
)
task_role = aws.iam.Role("pms-app-task", assume_role_policy=ecs_trust, tags=tags)

cluster = aws.ecs.Cluster(
    "pms", settings=[{"name": "containerInsights", "value": "enabled"}], tags=tags
)


def containers(log_group: str) -> str:
    return json.dumps([{
        "name": CONTAINER,
        "image": config.require("image"),
        "essential": True,
        "memory": 2048,
        # AWS Config ecs-containers-readonly-access: the container's root file system is read-only.
        "readonlyRootFilesystem": True,
        "user": APP_USER,
        "privileged": False,
        "portMappings": [{"containerPort": APP_PORT, "protocol": "tcp"}],
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {"awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": "pms"},
        },
    }])


task = aws.ecs.TaskDefinition(
    "pms-app",
    family=f"pms-app-{environment}",
    requires_compatibilities=["FARGATE"],
    network_mode="awsvpc",
    cpu="1024",
    memory="2048",
    execution_role_arn=execution_role.arn,
    task_role_arn=task_role.arn,
    container_definitions=app_logs.name.apply(containers),
    tags=tags,
)

edge = Edge("pms-app", EdgeArgs(
    vpc_id=vpc_id,
    public_subnet_ids=baseline.require_output("publicSubnetIds"),
    app_security_group_id=app_security_group_id,
    certificate_arn=config.require("certificateArn"),
    waf_rate_limit=2000,
    log_key_arn=audit_key_arn,
    log_retention_days=log_retention_days,
    environment=environment,
    access_log_bucket=baseline.require_output("accessLogBucket"),
    tags=tags,
))

service = aws.ecs.Service(
    "pms-app",
    cluster=cluster.arn,
    task_definition=task.arn,
    desired_count=config.get_int("desiredCount") or 2,
    launch_type="FARGATE",
    platform_version="LATEST",
    # 164.312(e)(1): the tasks sit in the baseline's app subnets, without public addresses, reached only
    # through the load balancer.
    network_configuration={"subnets": app_subnet_ids, "security_groups": [app_security_group_id],
                           "assign_public_ip": False},
    load_balancers=[{"target_group_arn": edge.target_group.arn, "container_name": CONTAINER,
                     "container_port": APP_PORT}],
    propagate_tags="SERVICE",
    tags=tags,
)

pulumi.export(ROLE_KEY, role)
pulumi.export("serviceName", service.name)
pulumi.export("loadBalancerDns", edge.load_balancer.dns_name)
pulumi.export("alarmTopicArn", baseline.require_output("alarmTopicArn"))
