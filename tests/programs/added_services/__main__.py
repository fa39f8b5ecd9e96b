"""The compliant prod baseline plus services a PMS team adds next to it, each with the settings the AWS Config HIPAA
rows of scope "other" refuse: an unencrypted EFS file system and Kinesis stream, a public, unencrypted Redshift cluster
without snapshots, audit logging or TLS, an OpenSearch domain with none of its protections, a Classic Load
Balancer on plain HTTP, a SageMaker notebook on the internet without a key, a Lambda permission for everyone and an
SSM document shared with every account. The gate's findings are exactly the rules of those rows, and nothing of
the baseline.
"""

import json

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.config import load_settings
from pms_baseline_infra.stack import build

outputs = build(load_settings())

aws.efs.FileSystem("records-share", creation_token="pms-records-share")
aws.kinesis.Stream("intake-events", shard_count=1, retention_period=24)
aws.redshift.Cluster(
    "warehouse", cluster_identifier="pms-warehouse", node_type="ra3.xlplus", cluster_type="single-node",
    database_name="analytics", master_username="warehouse_admin", manage_master_password=True,
    encrypted="false", publicly_accessible=True, automated_snapshot_retention_period=0, skip_final_snapshot=True,
)
aws.opensearch.Domain(
    "search", domain_name="pms-search", engine_version="OpenSearch_2.11",
    cluster_config={"instance_type": "r6g.large.search", "instance_count": 1},
    ebs_options={"ebs_enabled": True, "volume_size": 20},
)
aws.elb.LoadBalancer(
    "legacy-portal", name="legacy-portal", availability_zones=["us-east-1a", "us-east-1b"],
    cross_zone_load_balancing=False,
    listeners=[{"lb_port": 80, "lb_protocol": "http", "instance_port": 8080, "instance_protocol": "http"}],
)
notebook_role = aws.iam.Role("notebook-role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "sagemaker.amazonaws.com"}}],
}))
aws.sagemaker.NotebookInstance("research-notebook", role_arn=notebook_role.arn, instance_type="ml.t3.medium")
aws.lambda_.Permission("public-invoke", action="lambda:InvokeFunction", function="pms-intake", principal="*")
aws.ssm.Document(
    "support-runbook", name="pms-support-runbook", document_type="Command",
    permissions={"type": "Share", "account_ids": "All"},
    content=json.dumps({"schemaVersion": "2.2", "description": "Restart the intake service.", "mainSteps": [
        {"action": "aws:runShellScript", "name": "restart", "inputs": {"runCommand": ["systemctl restart intake"]}}]}),
)

for key, value in outputs.items():
    pulumi.export(key, value)
