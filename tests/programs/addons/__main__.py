"""Services a PMS team adds next to the baseline, in two versions chosen by the stack's ``compliant`` setting.

The draft stack declares each the way a tutorial does (public IPs, IMDSv1, no backups, no WAF, root containers,
keys in build variables); the fixed stack declares the same resources with every setting the AWS Config HIPAA
rows of issue 18.3 ask for. The gate's tests read both: the draft fails exactly the expected rules, the fixed
one none of them.
"""

import json

import pulumi
import pulumi_aws as aws

ok = pulumi.Config().require_bool("compliant")
ACCOUNT = "210987654321"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"

network = aws.ec2.Vpc("addons", cidr_block="10.30.0.0/16")
private = [aws.ec2.Subnet(f"addons-private-{z}", vpc_id=network.id, cidr_block=f"10.30.{n}.0/24",
                          availability_zone=f"us-east-1{z}") for n, z in enumerate("ab", start=1)]
role = aws.iam.Role("worker", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}],
}))
profile = aws.iam.InstanceProfile("worker", role=role.name)

# DynamoDB: provisioned capacity without auto scaling, no point-in-time recovery, no backup.
visits = aws.dynamodb.Table(
    "visits", name="visits", hash_key="id", attributes=[{"name": "id", "type": "S"}],
    billing_mode="PAY_PER_REQUEST" if ok else "PROVISIONED", read_capacity=None if ok else 5,
    write_capacity=None if ok else 5, point_in_time_recovery={"enabled": ok},
    server_side_encryption={"enabled": True, "kms_key_arn": KEY},
)

# EC2: a public IP, IMDSv1, no instance profile, launched in the default VPC.
worker = aws.ec2.Instance(
    "worker", ami="ami-0abcdef1234567890", instance_type="t3.micro",
    associate_public_ip_address=not ok, subnet_id=private[0].id if ok else None,
    iam_instance_profile=profile.name if ok else None,
    metadata_options={"http_tokens": "required" if ok else "optional"},
    root_block_device={"encrypted": True, "kms_key_id": KEY},
)
scratch = aws.ebs.Volume("scratch", availability_zone="us-east-1a", size=20, encrypted=True, kms_key_id=KEY)
files = aws.efs.FileSystem("files", encrypted=True, kms_key_id=KEY)
if ok:
    aws.efs.BackupPolicy("files", file_system_id=files.id, backup_policy={"status": "ENABLED"})

# Aurora: one instance, no deletion protection, no backup.
aurora = aws.rds.Cluster(
    "aurora", cluster_identifier="pms-aurora", engine="aurora-postgresql", master_username="pms",
    manage_master_user_password=True, storage_encrypted=True, kms_key_id=KEY, deletion_protection=ok,
    skip_final_snapshot=False, final_snapshot_identifier="pms-aurora-final",
)
for n in range(2 if ok else 1):
    aws.rds.ClusterInstance(f"aurora-{n}", cluster_identifier=aurora.id, instance_class="db.r6g.large",
                            engine="aurora-postgresql")

# Auto Scaling: a template that asks for public IPs and IMDSv1, a group behind a target group on EC2 checks.
template = aws.ec2.LaunchTemplate(
    "app", image_id="ami-0abcdef1234567890", instance_type="t3.micro",
    network_interfaces=[{"associate_public_ip_address": "false" if ok else "true", "subnet_id": private[0].id}],
    metadata_options={"http_tokens": "required" if ok else "optional"},
    iam_instance_profile={"name": profile.name},
)
target_group = aws.lb.TargetGroup("app", port=443, protocol="HTTPS", vpc_id=network.id)
aws.autoscaling.Group("app", min_size=2, max_size=4, vpc_zone_identifiers=[s.id for s in private],
                      launch_template={"id": template.id, "version": "$Latest"},
                      target_group_arns=[target_group.arn], health_check_type="ELB" if ok else "EC2")

if ok:
    selection_role = aws.iam.Role("backup", assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"Service": "backup.amazonaws.com"}}],
    }))
    aws.backup.Selection("addons", plan_id="plan-addons", iam_role_arn=selection_role.arn, resources=[
        f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/*", f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/*",
        f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/*", f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:pms-aurora",
    ])
    aws.appautoscaling.Target("visits-read", service_namespace="dynamodb", resource_id="table/visits",
                              scalable_dimension="dynamodb:table:ReadCapacityUnits", min_capacity=5, max_capacity=50)

# ECS: host networking with a root container and a writable root file system.
aws.ecs.TaskDefinition(
    "agent", family="agent", network_mode="awsvpc" if ok else "host", requires_compatibilities=["EC2"],
    container_definitions=json.dumps([{
        "name": "agent", "image": "pms/agent:2.1", "memory": 256, "essential": True,
        "readonlyRootFilesystem": ok, **({"user": "10001"} if ok else {}),
    }]),
)

# API Gateway: a stage with no WAF, no execution logging and no client certificate.
api = aws.apigateway.RestApi("api", name="pms-api", endpoint_configuration={"types": "REGIONAL"})
resource = aws.apigateway.Resource("patients", rest_api=api.id, parent_id=api.root_resource_id, path_part="patients")
method = aws.apigateway.Method("patients-get", rest_api=api.id, resource_id=resource.id, http_method="GET",
                               authorization="AWS_IAM")
integration = aws.apigateway.Integration("patients-get", rest_api=api.id, resource_id=resource.id,
                                         http_method=method.http_method, type="HTTP_PROXY",
                                         integration_http_method="GET", uri="https://backend.example.org/patients")
deployment = aws.apigateway.Deployment("api", rest_api=api.id, opts=pulumi.ResourceOptions(depends_on=[integration]))
certificate = aws.apigateway.ClientCertificate("api", description="backend authentication") if ok else None
stage = aws.apigateway.Stage("api-prod", rest_api=api.id, deployment=deployment.id, stage_name="prod",
                             client_certificate_id=certificate.id if certificate else None)
if ok:
    aws.apigateway.MethodSettings("api-prod", rest_api=api.id, stage_name=stage.stage_name, method_path="*/*",
                                  settings={"logging_level": "INFO", "metrics_enabled": True})
    acl = aws.wafv2.WebAcl("api", scope="REGIONAL", default_action={"allow": {}},
                           visibility_config={"cloudwatch_metrics_enabled": True, "metric_name": "api",
                                              "sampled_requests_enabled": True})
    aws.wafv2.WebAclAssociation("api", web_acl_arn=acl.arn, resource_arn=pulumi.Output.concat(
        "arn:aws:apigateway:us-east-1::/restapis/", api.id, "/stages/", stage.stage_name))

# DMS and CodeBuild: a public replication instance; a build with an access key and a token in its source URL.
aws.dms.ReplicationInstance("migrate", replication_instance_id="pms-migrate",
                            replication_instance_class="dms.t3.medium", publicly_accessible=not ok, kms_key_arn=KEY)
build_role = aws.iam.Role("build", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "codebuild.amazonaws.com"}}],
}))
aws.codebuild.Project(
    "ci", service_role=build_role.arn, encryption_key=KEY, artifacts={"type": "NO_ARTIFACTS"},
    environment={"compute_type": "BUILD_GENERAL1_SMALL", "image": "aws/codebuild/standard:7.0",
                 "type": "LINUX_CONTAINER", "environment_variables": [] if ok else [
                     {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}]},
    source={"type": "BITBUCKET", "location": "https://bitbucket.org/clinic/pms.git" if ok
            else "https://ci-bot:example-app-password@bitbucket.org/clinic/pms.git"},
)
