"""SegmentedNetwork: a VPC in public, app and isolated data tiers, with flow logs and private AWS access."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.trust import service_trust_policy
from pms_baseline_pack import tokens as t

TIER_TAG = "pms-tier"
TIERS = ("public", "app", "data")
INTERFACE_ENDPOINTS = ("kms", "secretsmanager", "logs", "sts")
EPHEMERAL_PORTS = (1024, 65535)
HTTPS = 443


@dataclass
class SegmentedNetworkArgs:
    """Inputs of a SegmentedNetwork."""

    cidr: str
    """The VPC's IPv4 block; every subnet is carved from it deterministically."""
    availability_zones: list[str] | tuple[str, ...]
    """The zones every tier spans (at least two)."""
    region: str
    """The region, for the endpoints' service names."""
    environment: str
    """prod, staging or test; prod gets one NAT gateway per zone."""
    flow_log_key_arn: pulumi.Input[str]
    """KMS key (the audit key) that encrypts the flow log group."""
    flow_log_retention_days: int
    """Retention of the flow log group (floors are enforced by the stack settings)."""
    internet_access: bool = True
    """False for a sealed network: no public subnets, internet gateway or NAT gateway at all."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""
    db_port: int = 5432
    """The database port the data tier admits from the app tier."""
    app_port: int = 8443
    """The port the app tier listens on (the load balancer's target port)."""


def subnet_cidrs(cidr: str, zone_count: int) -> dict[str, list[str]]:
    """Each tier's subnet blocks, one per zone: the VPC block is split in four tier ranges (public, app, data,
    spare), each range in a block per zone, so the same inputs always give the same subnets."""
    vpc = ipaddress.ip_network(cidr)
    zone_bits = max(2, (zone_count - 1).bit_length())
    new_prefix = vpc.prefixlen + 2 + zone_bits
    if new_prefix > 28:
        raise ValueError(f"VPC block {cidr} is too small for three tiers over {zone_count} zones")
    ranges = list(vpc.subnets(prefixlen_diff=2))
    return {
        tier: [str(s) for s in list(ranges[i].subnets(new_prefix=new_prefix))[:zone_count]]
        for i, tier in enumerate(TIERS)
    }



def flow_log_role_policy(log_group_arn: str, region: str, account: str) -> dict:
    """What the flow-logs role may do: write streams and events to its one log group, and list log groups."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "WriteFlowLogGroup",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                "Resource": [log_group_arn, f"{log_group_arn}:*"],
            },
            {
                "Sid": "ListLogGroups",
                "Effect": "Allow",
                "Action": "logs:DescribeLogGroups",
                "Resource": f"arn:aws:logs:{region}:{account}:log-group:*",
            },
        ],
    }

class SegmentedNetwork(pulumi.ComponentResource):
    """A three-tier VPC: internet only at the public tier, no route out of the data tier, all flows logged."""

    vpc: aws.ec2.Vpc
    public_subnet_ids: list[pulumi.Output[str]]
    app_subnet_ids: list[pulumi.Output[str]]
    data_subnet_ids: list[pulumi.Output[str]]
    app_security_group: aws.ec2.SecurityGroup
    endpoint_security_group: aws.ec2.SecurityGroup
    flow_log_group: aws.cloudwatch.LogGroup
    app_port: int
    """The app tier's listening port; the edge admits the load balancer's group on it."""

    def __init__(
        self, name: str, args: SegmentedNetworkArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(t.PMS_NETWORK, name, None, opts)
        zones = list(args.availability_zones)
        if len(zones) < 2:
            raise ValueError(f"SegmentedNetwork needs at least two availability zones, got {len(zones)}")
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)
        cidrs = subnet_cidrs(args.cidr, len(zones))
        self.app_port = args.app_port

        self.vpc = aws.ec2.Vpc(
            f"{name}-vpc",
            cidr_block=args.cidr,
            # Interface endpoints with private DNS need both.
            enable_dns_support=True,
            enable_dns_hostnames=True,
            tags={**tags, "Name": f"{name}-{args.environment}"},
            opts=child,
        )
        vpc_id = self.vpc.id

        # 164.312(a)(1): AWS's default security group allows all traffic between its members; take every
        # rule away so nothing can use it by accident.
        aws.ec2.DefaultSecurityGroup(
            f"{name}-default-sg", vpc_id=vpc_id, ingress=[], egress=[], tags=tags, opts=child
        )

        def subnets(tier: str) -> list[aws.ec2.Subnet]:
            return [
                aws.ec2.Subnet(
                    f"{name}-{tier}-{zone}",
                    vpc_id=vpc_id,
                    cidr_block=block,
                    availability_zone=zone,
                    # 164.312(a)(1), 164.312(e)(1): nothing gets a public address by being launched here.
                    map_public_ip_on_launch=False,
                    tags={**tags, TIER_TAG: tier, "Name": f"{name}-{tier}-{zone}"},
                    opts=child,
                )
                for zone, block in zip(zones, cidrs[tier], strict=True)
            ]

        public = subnets("public") if args.internet_access else []
        app = subnets("app")
        data = subnets("data")
        self.public_subnet_ids = [s.id for s in public]
        self.app_subnet_ids = [s.id for s in app]
        self.data_subnet_ids = [s.id for s in data]

        # Routing. The public tier (load balancer and NAT only) reaches the internet through the gateway;
        # the app tier through NAT; the data tier nowhere.
        nats: list[aws.ec2.NatGateway] = []
        self.public_route_table_ids: list[pulumi.Input[str]] = []
        """The route tables with a route to the internet gateway (the public tier's): AWS Config's
        no-unrestricted-route-to-igw is deployed with exactly these as its authorised routeTableIds."""
        if args.internet_access:
            igw = aws.ec2.InternetGateway(f"{name}-igw", vpc_id=vpc_id, tags=tags, opts=child)
            public_rt = aws.ec2.RouteTable(
                f"{name}-public-rt", vpc_id=vpc_id, tags={**tags, TIER_TAG: "public"}, opts=child
            )
            self.public_route_table_ids.append(public_rt.id)
            aws.ec2.Route(
                f"{name}-public-default",
                route_table_id=public_rt.id,
                destination_cidr_block="0.0.0.0/0",
                gateway_id=igw.id,
                opts=child,
            )
            for zone, subnet in zip(zones, public, strict=True):
                aws.ec2.RouteTableAssociation(
                    f"{name}-public-{zone}", subnet_id=subnet.id, route_table_id=public_rt.id, opts=child
                )
            # Cost vs. availability: prod gets a NAT gateway per zone so losing one zone leaves the others'
            # egress intact; other environments share one to save the hourly charge.
            nat_zones = zones if args.environment == "prod" else zones[:1]
            for zone, subnet in zip(nat_zones, public, strict=False):
                eip = aws.ec2.Eip(f"{name}-nat-{zone}", domain="vpc", tags=tags, opts=child)
                nats.append(
                    aws.ec2.NatGateway(
                        f"{name}-nat-{zone}",
                        allocation_id=eip.id,
                        subnet_id=subnet.id,
                        connectivity_type="public",
                        tags=tags,
                        opts=pulumi.ResourceOptions(parent=self, depends_on=[igw]),
                    )
                )

        app_tables: list[aws.ec2.RouteTable] = []
        for i, (zone, subnet) in enumerate(zip(zones, app, strict=True)):
            if i == 0 or len(nats) > 1:
                table = aws.ec2.RouteTable(
                    f"{name}-app-rt-{zone}", vpc_id=vpc_id, tags={**tags, TIER_TAG: "app"}, opts=child
                )
                app_tables.append(table)
                if nats:
                    aws.ec2.Route(
                        f"{name}-app-default-{zone}",
                        route_table_id=table.id,
                        destination_cidr_block="0.0.0.0/0",
                        nat_gateway_id=nats[min(i, len(nats) - 1)].id,
                        opts=child,
                    )
            aws.ec2.RouteTableAssociation(
                f"{name}-app-{zone}", subnet_id=subnet.id, route_table_id=app_tables[-1].id, opts=child
            )

        # 164.312(a)(1), 164.312(e)(1): the data tier's table has only the local route (and the S3 gateway
        # endpoint's prefix list): no internet gateway, no NAT.
        data_rt = aws.ec2.RouteTable(
            f"{name}-data-rt", vpc_id=vpc_id, tags={**tags, TIER_TAG: "data"}, opts=child
        )
        for zone, subnet in zip(zones, data, strict=True):
            aws.ec2.RouteTableAssociation(
                f"{name}-data-{zone}", subnet_id=subnet.id, route_table_id=data_rt.id, opts=child
            )

        # 164.312(a)(1): the data tier admits only the database port from the app subnets, and answers them
        # on ephemeral ports; the ACL's implicit deny drops everything else, whatever the security groups say.
        ingress = [
            aws.ec2.NetworkAclIngressArgs(
                rule_no=100 + i,
                action="allow",
                protocol="tcp",
                cidr_block=block,
                from_port=args.db_port,
                to_port=args.db_port,
            )
            for i, block in enumerate(cidrs["app"])
        ]
        egress = [
            aws.ec2.NetworkAclEgressArgs(
                rule_no=100 + i,
                action="allow",
                protocol="tcp",
                cidr_block=block,
                from_port=EPHEMERAL_PORTS[0],
                to_port=EPHEMERAL_PORTS[1],
            )
            for i, block in enumerate(cidrs["app"])
        ]
        self.data_network_acl = aws.ec2.NetworkAcl(
            f"{name}-data-acl",
            vpc_id=vpc_id,
            subnet_ids=self.data_subnet_ids,
            ingress=ingress,
            egress=egress,
            tags={**tags, TIER_TAG: "data"},
            opts=child,
        )

        # Security groups: the app tier takes no CIDR ingress (the edge adds the load balancer's group);
        # endpoints take HTTPS from the app tier only.
        self.app_security_group = aws.ec2.SecurityGroup(
            f"{name}-app-sg",
            vpc_id=vpc_id,
            description="PMS application tier",
            tags={**tags, TIER_TAG: "app", "pms-role": "app"},
            opts=child,
        )
        self.endpoint_security_group = aws.ec2.SecurityGroup(
            f"{name}-endpoint-sg",
            vpc_id=vpc_id,
            description="Interface VPC endpoints: HTTPS from the app tier",
            tags={**tags, TIER_TAG: "app", "pms-role": "vpc-endpoint"},
            opts=child,
        )
        # 164.312(a)(1), 164.312(e)(1): AWS APIs are reachable from the app tier only.
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-endpoint-https-from-app",
            security_group_id=self.endpoint_security_group.id,
            referenced_security_group_id=self.app_security_group.id,
            ip_protocol="tcp",
            from_port=HTTPS,
            to_port=HTTPS,
            description="HTTPS from the PMS app tier",
            tags=tags,
            opts=child,
        )
        aws.vpc.SecurityGroupEgressRule(
            f"{name}-app-to-endpoints",
            security_group_id=self.app_security_group.id,
            referenced_security_group_id=self.endpoint_security_group.id,
            ip_protocol="tcp",
            from_port=HTTPS,
            to_port=HTTPS,
            description="HTTPS to the VPC endpoints",
            tags=tags,
            opts=child,
        )
        for zone, block in zip(zones, cidrs["data"], strict=True):
            aws.vpc.SecurityGroupEgressRule(
                f"{name}-app-to-data-{zone}",
                security_group_id=self.app_security_group.id,
                cidr_ipv4=block,
                ip_protocol="tcp",
                from_port=args.db_port,
                to_port=args.db_port,
                description="PostgreSQL to the data tier",
                tags=tags,
                opts=child,
            )
        if args.internet_access:
            aws.vpc.SecurityGroupEgressRule(
                f"{name}-app-https-out",
                security_group_id=self.app_security_group.id,
                cidr_ipv4="0.0.0.0/0",
                ip_protocol="tcp",
                from_port=HTTPS,
                to_port=HTTPS,
                description="HTTPS to partner services through the NAT gateway",
                tags=tags,
                opts=child,
            )

        # AWS without the internet: S3 through a gateway endpoint on the app and data tables, the APIs the
        # app and the flow logs need through interface endpoints with private DNS in the app subnets.
        self.s3_endpoint = aws.ec2.VpcEndpoint(
            f"{name}-s3",
            vpc_id=vpc_id,
            service_name=f"com.amazonaws.{args.region}.s3",
            vpc_endpoint_type="Gateway",
            route_table_ids=[*(rt.id for rt in app_tables), data_rt.id],
            tags=tags,
            opts=child,
        )
        aws.vpc.SecurityGroupEgressRule(
            f"{name}-app-to-s3",
            security_group_id=self.app_security_group.id,
            prefix_list_id=self.s3_endpoint.prefix_list_id,
            ip_protocol="tcp",
            from_port=HTTPS,
            to_port=HTTPS,
            description="HTTPS to S3 through the gateway endpoint",
            tags=tags,
            opts=child,
        )
        for service in INTERFACE_ENDPOINTS:
            aws.ec2.VpcEndpoint(
                f"{name}-{service}",
                vpc_id=vpc_id,
                service_name=f"com.amazonaws.{args.region}.{service}",
                vpc_endpoint_type="Interface",
                private_dns_enabled=True,
                subnet_ids=self.app_subnet_ids,
                security_group_ids=[self.endpoint_security_group.id],
                tags=tags,
                opts=child,
            )

        # 164.312(b), 164.308(a)(1)(ii)(D): every flow, accepted and rejected, to an encrypted log group kept
        # for the retention floor.
        self.flow_log_group = aws.cloudwatch.LogGroup(
            f"{name}-flow-logs",
            name=f"/pms/{pulumi.get_stack() or args.environment}/vpc-flow-logs",
            kms_key_id=args.flow_log_key_arn,
            retention_in_days=args.flow_log_retention_days,
            tags=tags,
            opts=child,
        )
        role = aws.iam.Role(
            f"{name}-flow-logs",
            # Confused-deputy guard: only flow logs of this account may assume the role.
            assume_role_policy=self.vpc.owner_id.apply(
                lambda account: service_trust_policy(
                    "vpc-flow-logs.amazonaws.com", {"StringEquals": {"aws:SourceAccount": account}}
                )
            ),
            tags=tags,
            opts=child,
        )
        # 164.308(a)(4)(ii)(B): the role may write to the flow log group and nothing else. The permissions are the
        # ones AWS lists for the flow-logs role (CreateLogGroup left out: the group exists), with the writes
        # scoped to this group; DescribeLogGroups is a list action that names no group.
        # https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
        # A managed policy, not an inline one: AWS Config's iam-no-inline-policy-check, which the baseline
        # deploys, flags inline role policies.
        # https://docs.aws.amazon.com/config/latest/developerguide/iam-no-inline-policy-check.html
        write_policy = aws.iam.Policy(
            f"{name}-flow-logs",
            description="VPC flow logs: write to the flow log group",
            policy=pulumi.Output.all(self.flow_log_group.arn, self.vpc.owner_id).apply(
                lambda parts: json.dumps(flow_log_role_policy(parts[0], args.region, parts[1]))
            ),
            tags=tags,
            opts=child,
        )
        attachment = aws.iam.RolePolicyAttachment(
            f"{name}-flow-logs",
            role=role.name,
            policy_arn=write_policy.arn,
            opts=child,
        )
        self.flow_log = aws.ec2.FlowLog(
            f"{name}-flow-log",
            vpc_id=vpc_id,
            traffic_type="ALL",
            log_destination_type="cloud-watch-logs",
            log_destination=self.flow_log_group.arn,
            iam_role_arn=role.arn,
            max_aggregation_interval=60,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[attachment]),
        )

        self.register_outputs(
            {
                "vpcId": vpc_id,
                "publicSubnetIds": self.public_subnet_ids,
                "appSubnetIds": self.app_subnet_ids,
                "dataSubnetIds": self.data_subnet_ids,
                "appSecurityGroupId": self.app_security_group.id,
            }
        )
