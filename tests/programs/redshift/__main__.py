"""A Redshift cluster placed in a VPC through an autonamed subnet group, as programs written by others do it.

Nothing here is named explicitly but the cluster: the subnet group's name is Pulumi's autoname, so the
cluster's ``clusterSubnetGroupName`` is known in a real preview only because the engine autonames the group.
"""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()

network = aws.ec2.Vpc("analytics-vpc", cidr_block="10.20.0.0/16", enable_dns_support=True,
                      enable_dns_hostnames=True)
private = [
    aws.ec2.Subnet(f"analytics-private-{zone}", vpc_id=network.id, cidr_block=f"10.20.{n}.0/24",
                   availability_zone=f"us-west-2{zone}")
    for n, zone in enumerate("ab", start=1)
]
subnets = aws.redshift.SubnetGroup("analytics-subnets", subnet_ids=[s.id for s in private])

reader = aws.iam.Role(
    "warehouse-loader",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"Service": "redshift.amazonaws.com"}}],
    }),
)

warehouse = aws.redshift.Cluster(
    "warehouse",
    cluster_identifier="analytics-warehouse",
    database_name="analytics",
    master_username="warehouse_admin",
    master_password=config.require_secret("adminPassword"),
    node_type=config.require("nodeType"),
    cluster_type="single-node",
    cluster_subnet_group_name=subnets.name,
    publicly_accessible=False,
    encrypted=True,
    skip_final_snapshot=True,
    iam_roles=[reader.arn],
)

pulumi.export("subnetGroup", subnets.name)
pulumi.export("endpoint", warehouse.endpoint)
