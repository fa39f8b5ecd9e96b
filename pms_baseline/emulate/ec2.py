"""EC2: VPCs, subnets, gateways, routes, security groups, network ACLs, flow logs, endpoints and peering; the
account's EBS encryption default."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, NotEmulated, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


def _ec2_tags(c: Context, ident: str, p: dict[str, Any]) -> None:
    if tag_list(p):
        c.client("ec2").create_tags(Resources=[ident], Tags=tag_list(p))


@handles(t.VPC)
def _vpc(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    vpc = ec2.create_vpc(CidrBlock=p.get("cidrBlock", "10.0.0.0/16"))["Vpc"]
    vid = vpc["VpcId"]
    _ec2_tags(c, vid, p)
    for attr in ("enableDnsSupport", "enableDnsHostnames"):
        if p.get(attr) is not None:
            ec2.modify_vpc_attribute(VpcId=vid, **{attr[0].upper() + attr[1:]: {"Value": bool(p[attr])}})
    sg = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "group-name", "Values": ["default"]}]
    )
    rtb = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "association.main", "Values": ["true"]}]
    )
    acl = ec2.describe_network_acls(
        Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "default", "Values": ["true"]}]
    )
    out = {"arn": f"arn:aws:ec2:{c.region}:{c.account}:vpc/{vid}"}
    if sg["SecurityGroups"]:
        out["defaultSecurityGroupId"] = sg["SecurityGroups"][0]["GroupId"]
    if rtb["RouteTables"]:
        out["defaultRouteTableId"] = out["mainRouteTableId"] = rtb["RouteTables"][0]["RouteTableId"]
    if acl["NetworkAcls"]:
        out["defaultNetworkAclId"] = acl["NetworkAcls"][0]["NetworkAclId"]
    return vid, out


@handles(t.SUBNET)
def _subnet(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    sub = ec2.create_subnet(
        **kw(VpcId=p["vpcId"], CidrBlock=p.get("cidrBlock"), AvailabilityZone=p.get("availabilityZone"))
    )["Subnet"]
    sid = sub["SubnetId"]
    _ec2_tags(c, sid, p)
    if p.get("mapPublicIpOnLaunch"):
        ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    return sid, {"arn": f"arn:aws:ec2:{c.region}:{c.account}:subnet/{sid}"}


@handles(t.INTERNET_GATEWAY)
def _igw(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    gid = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    _ec2_tags(c, gid, p)
    if present(p.get("vpcId")):
        ec2.attach_internet_gateway(InternetGatewayId=gid, VpcId=p["vpcId"])
    return gid, {}


@handles(t.INTERNET_GATEWAY_ATTACHMENT)
def _igw_attach(c: Context, r: Resource, p: dict[str, Any]):
    c.client("ec2").attach_internet_gateway(InternetGatewayId=p["internetGatewayId"], VpcId=p["vpcId"])
    return f"{p['internetGatewayId']}:{p['vpcId']}", {}


@handles(t.EIP)
def _eip(c: Context, r: Resource, p: dict[str, Any]):
    got = c.client("ec2").allocate_address(Domain="vpc")
    return got["AllocationId"], {"allocationId": got["AllocationId"], "publicIp": got["PublicIp"]}


@handles(t.NAT_GATEWAY)
def _nat(c: Context, r: Resource, p: dict[str, Any]):
    nat = c.client("ec2").create_nat_gateway(
        **kw(
            SubnetId=p["subnetId"],
            AllocationId=p.get("allocationId"),
            ConnectivityType=p.get("connectivityType"),
        )
    )["NatGateway"]
    _ec2_tags(c, nat["NatGatewayId"], p)
    return nat["NatGatewayId"], {}


def _route_target(p: dict[str, Any]) -> dict[str, Any]:
    return kw(
        GatewayId=p.get("gatewayId"),
        NatGatewayId=p.get("natGatewayId"),
        VpcPeeringConnectionId=p.get("vpcPeeringConnectionId"),
        VpcEndpointId=p.get("vpcEndpointId"),
        TransitGatewayId=p.get("transitGatewayId"),
    )


def _dest(p: dict[str, Any], ipv4: str, ipv6: str) -> dict[str, Any]:
    return kw(DestinationCidrBlock=p.get(ipv4), DestinationIpv6CidrBlock=p.get(ipv6))


@handles(t.ROUTE_TABLE)
def _route_table(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    rid = ec2.create_route_table(VpcId=p["vpcId"])["RouteTable"]["RouteTableId"]
    _ec2_tags(c, rid, p)
    for route in p.get("routes") or []:
        ec2.create_route(
            RouteTableId=rid, **_dest(route, "cidrBlock", "ipv6CidrBlock"), **_route_target(route)
        )
    return rid, {"arn": f"arn:aws:ec2:{c.region}:{c.account}:route-table/{rid}"}


@handles(t.ROUTE)
def _route(c: Context, r: Resource, p: dict[str, Any]):
    c.client("ec2").create_route(
        RouteTableId=p["routeTableId"],
        **_dest(p, "destinationCidrBlock", "destinationIpv6CidrBlock"),
        **_route_target(p),
    )
    return f"r-{p['routeTableId']}{p.get('destinationCidrBlock', '')}", {}


@handles(t.ROUTE_TABLE_ASSOCIATION)
def _rt_assoc(c: Context, r: Resource, p: dict[str, Any]):
    got = c.client("ec2").associate_route_table(
        **kw(RouteTableId=p["routeTableId"], SubnetId=p.get("subnetId"), GatewayId=p.get("gatewayId"))
    )
    return got["AssociationId"], {}


def _permission(rule: dict[str, Any]) -> dict[str, Any]:
    """A security group rule block (``ingress``/``egress`` item or SecurityGroupRule) as an IpPermission."""
    perm: dict[str, Any] = {"IpProtocol": str(rule.get("protocol", rule.get("ipProtocol", "-1")))}
    if perm["IpProtocol"] in ("all", "-1"):
        perm["IpProtocol"] = "-1"
    else:
        perm["FromPort"], perm["ToPort"] = int(rule.get("fromPort", 0)), int(rule.get("toPort", 0))
    cidrs = rule.get("cidrBlocks") or ([rule["cidrIpv4"]] if present(rule.get("cidrIpv4")) else [])
    v6 = rule.get("ipv6CidrBlocks") or ([rule["cidrIpv6"]] if present(rule.get("cidrIpv6")) else [])
    groups = list(rule.get("securityGroups") or [])
    for key in ("sourceSecurityGroupId", "referencedSecurityGroupId"):
        if present(rule.get(key)):
            groups.append(rule[key])
    if rule.get("self"):
        groups.append(rule["_self"])
    if cidrs:
        perm["IpRanges"] = [{"CidrIp": x} for x in cidrs]
    if v6:
        perm["Ipv6Ranges"] = [{"CidrIpv6": x} for x in v6]
    if groups:
        perm["UserIdGroupPairs"] = [{"GroupId": g} for g in groups]
    if rule.get("prefixListIds"):
        perm["PrefixListIds"] = [{"PrefixListId": x} for x in rule["prefixListIds"]]
    return perm


def _replace_rules(c: Context, gid: str, p: dict[str, Any]) -> None:
    """Make a group's rules exactly the declared ones (AWS adds allow-all egress; Pulumi removes it)."""
    ec2 = c.client("ec2")
    sg = ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0]
    if sg.get("IpPermissions"):
        ec2.revoke_security_group_ingress(GroupId=gid, IpPermissions=sg["IpPermissions"])
    if sg.get("IpPermissionsEgress"):
        ec2.revoke_security_group_egress(GroupId=gid, IpPermissions=sg["IpPermissionsEgress"])
    for key, call in (
        ("ingress", ec2.authorize_security_group_ingress),
        ("egress", ec2.authorize_security_group_egress),
    ):
        for rule in p.get(key) or []:
            call(GroupId=gid, IpPermissions=[_permission({**rule, "_self": gid})])


@handles(t.SECURITY_GROUP)
def _sg(c: Context, r: Resource, p: dict[str, Any]):
    gid = c.client("ec2").create_security_group(
        **kw(
            GroupName=p.get("name") or r.name,
            Description=p.get("description") or "Managed by Pulumi",
            VpcId=p.get("vpcId"),
        )
    )["GroupId"]
    _ec2_tags(c, gid, p)
    _replace_rules(c, gid, p)
    return gid, {"arn": f"arn:aws:ec2:{c.region}:{c.account}:security-group/{gid}"}


@handles(t.DEFAULT_SECURITY_GROUP)
def _default_sg(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    gid = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [p["vpcId"]]}, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"][0]["GroupId"]
    _replace_rules(c, gid, p)
    return gid, {}


@handles(t.SG_INGRESS_RULE, t.SG_EGRESS_RULE, t.SECURITY_GROUP_RULE)
def _sg_rule(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    gid = p["securityGroupId"]
    egress = r.type == t.SG_EGRESS_RULE or p.get("type") == "egress"
    call = ec2.authorize_security_group_egress if egress else ec2.authorize_security_group_ingress
    got = call(GroupId=gid, IpPermissions=[_permission({**p, "_self": gid})])
    rules = got.get("SecurityGroupRules") or [{}]
    return rules[0].get("SecurityGroupRuleId", f"sgrule-{gid}"), {}


@handles(t.NETWORK_ACL)
def _nacl(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    aid = ec2.create_network_acl(VpcId=p["vpcId"])["NetworkAcl"]["NetworkAclId"]
    _ec2_tags(c, aid, p)
    for egress, key in ((False, "ingress"), (True, "egress")):
        for e in p.get(key) or []:
            ec2.create_network_acl_entry(
                NetworkAclId=aid,
                Egress=egress,
                RuleNumber=int(e["ruleNo"]),
                Protocol=str(e.get("protocol", "-1")),
                RuleAction=e["action"],
                CidrBlock=e.get("cidrBlock", "0.0.0.0/0"),
                PortRange={"From": int(e.get("fromPort", 0)), "To": int(e.get("toPort", 0))},
            )
    for sid in p.get("subnetIds") or []:
        _move_subnet_acl(c, sid, aid)
    return aid, {}


def _move_subnet_acl(c: Context, subnet_id: str, acl_id: str) -> str:
    ec2 = c.client("ec2")
    acls = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])
    for acl in acls["NetworkAcls"]:
        for assoc in acl.get("Associations") or []:
            if assoc.get("SubnetId") == subnet_id:
                return ec2.replace_network_acl_association(
                    AssociationId=assoc["NetworkAclAssociationId"], NetworkAclId=acl_id
                )["NewAssociationId"]
    raise NotEmulated(f"subnet {subnet_id} has no network ACL association to replace")


@handles(t.NETWORK_ACL_RULE)
def _nacl_rule(c: Context, r: Resource, p: dict[str, Any]):
    c.client("ec2").create_network_acl_entry(
        NetworkAclId=p["networkAclId"],
        Egress=bool(p.get("egress")),
        RuleNumber=int(p["ruleNumber"]),
        Protocol=str(p.get("protocol", "-1")),
        RuleAction=p["ruleAction"],
        CidrBlock=p.get("cidrBlock", "0.0.0.0/0"),
        PortRange={"From": int(p.get("fromPort", 0)), "To": int(p.get("toPort", 0))},
    )
    return f"nacl-{p['networkAclId']}-{p['ruleNumber']}", {}


@handles(t.NETWORK_ACL_ASSOCIATION)
def _nacl_assoc(c: Context, r: Resource, p: dict[str, Any]):
    return _move_subnet_acl(c, p["subnetId"], p["networkAclId"]), {}


@handles(t.FLOW_LOG)
def _flow_log(c: Context, r: Resource, p: dict[str, Any]):
    ident = p.get("vpcId") or p.get("subnetId") or p.get("eniId")
    kind = "VPC" if p.get("vpcId") else ("Subnet" if p.get("subnetId") else "NetworkInterface")
    dest_type = p.get("logDestinationType") or "cloud-watch-logs"
    got = c.client("ec2").create_flow_logs(
        **kw(
            ResourceIds=[ident],
            ResourceType=kind,
            TrafficType=p.get("trafficType", "ALL"),
            LogDestinationType=dest_type,
            LogDestination=p.get("logDestination"),
            LogGroupName=p.get("logGroupName") if not present(p.get("logDestination")) else None,
            DeliverLogsPermissionArn=p.get("iamRoleArn"),
            MaxAggregationInterval=p.get("maxAggregationInterval"),
        )
    )
    if not got.get("FlowLogIds"):
        raise NotEmulated(f"moto refused the flow log: {got.get('Unsuccessful')}")
    return got["FlowLogIds"][0], {}


@handles(t.VPC_ENDPOINT)
def _vpc_endpoint(c: Context, r: Resource, p: dict[str, Any]):
    ep = c.client("ec2").create_vpc_endpoint(
        **kw(
            VpcId=p["vpcId"],
            ServiceName=p["serviceName"],
            VpcEndpointType=p.get("vpcEndpointType"),
            RouteTableIds=p.get("routeTableIds"),
            SubnetIds=p.get("subnetIds"),
            SecurityGroupIds=p.get("securityGroupIds"),
            PrivateDnsEnabled=p.get("privateDnsEnabled"),
            PolicyDocument=policy_text(p["policy"]) if present(p.get("policy")) else None,
        )
    )["VpcEndpoint"]
    return ep["VpcEndpointId"], {}


@handles(t.VPC_PEERING_CONNECTION)
def _peering(c: Context, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    pcx = ec2.create_vpc_peering_connection(
        **kw(VpcId=p["vpcId"], PeerVpcId=p["peerVpcId"], PeerOwnerId=p.get("peerOwnerId"))
    )["VpcPeeringConnection"]
    pid = pcx["VpcPeeringConnectionId"]
    if p.get("autoAccept"):
        ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pid)
    return pid, {}


@handles(t.EBS_ENCRYPTION_BY_DEFAULT)
def _ebs_default(c: Context, r: Resource, p: dict[str, Any]):
    if p.get("enabled", True):
        c.client("ec2").enable_ebs_encryption_by_default()
    return c.region, {}


@handles(t.EBS_DEFAULT_KMS_KEY)
def _ebs_key(c: Context, r: Resource, p: dict[str, Any]):
    c.client("ec2").modify_ebs_default_kms_key_id(KmsKeyId=p["keyArn"])
    return c.region, {}
