"""VPC network boundaries read live under the pre-deploy rules' ids, each the pack's stack rule over a Region's
descriptions: data-tier subnets behind a network ACL admitting nothing from the internet
(ec2-data-network-acl-restricted, over the subnets and route tables ``ec2.collect`` lists and the network ACLs read
here), internet gateways attached only to authorised VPCs (ec2-internet-gateway-authorized-vpc, over the gateways
``isolation.collect`` lists and the VPCs), and internet routes only from authorised route tables
(ec2-internet-route-authorized-tables).

https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkAcls.html (Entries with Egress,
RuleAction, CidrBlock or Ipv6CidrBlock; Associations name the subnets; every subnet has one, the VPC's default ACL
when no other is associated, so a data subnet left on the default ACL is judged by the default ACL's allow-all)
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html (Attachments: VpcId,
State available when attached)
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html (Routes: DestinationCidrBlock,
DestinationIpv6CidrBlock, GatewayId; Tags)

"The VPCs the stack declares", which the gateway rule authorises by default (authorizeStackVpcs), are taken live
as the Region's VPCs other than its default VPC: no stack declares the default VPC AWS creates, so a gateway
attached to it is unauthorised unless authorizedVpcIds names it. Routes are presented inline on their route table
(the live API does not tell an inline route from an aws:ec2/route:Route), so a finding names the route table.
"""

from __future__ import annotations

from pms_baseline.live.readers import described, inventories, judge_stack_violations, reader, stack_rule
from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource

SERVICE = "ec2-network"
GATEWAY_RULE = "ec2-internet-gateway-authorized-vpc"


@collector(SERVICE)
def collect(live, inv: Inventory) -> None:
    ec2 = live.client("ec2", inv.region)
    acls = inv.read(lambda: list(live.pages(ec2, "describe_network_acls", "NetworkAcls")))
    if not readable(acls):
        inv.complete = False
        return
    inv.items["network_acls"] = acls


def _tags(item: dict) -> dict[str, str]:
    return {x["Key"]: x["Value"] for x in item.get("Tags") or []}


def subnet_props(s: dict) -> dict:
    """A subnet in the engine's property names."""
    return {"vpcId": s.get("VpcId"), "cidrBlock": s.get("CidrBlock"), "availabilityZone": s.get("AvailabilityZone"),
            "mapPublicIpOnLaunch": s.get("MapPublicIpOnLaunch"), "arn": s.get("SubnetArn"), "tags": _tags(s)}


def _entry(e: dict) -> dict:
    ports = e.get("PortRange") or {}
    return {"ruleNo": e.get("RuleNumber"), "action": e.get("RuleAction"), "protocol": e.get("Protocol"),
            "cidrBlock": e.get("CidrBlock"), "ipv6CidrBlock": e.get("Ipv6CidrBlock"),
            "fromPort": ports.get("From", 0), "toPort": ports.get("To", 0)}


def acl_props(acl: dict) -> dict:
    """A network ACL in the engine's property names: its entries as inline ingress/egress, its subnets."""
    entries = acl.get("Entries") or []
    return {
        "vpcId": acl.get("VpcId"),
        "subnetIds": [a["SubnetId"] for a in acl.get("Associations") or [] if a.get("SubnetId")],
        "ingress": [_entry(e) for e in entries if not e.get("Egress")],
        "egress": [_entry(e) for e in entries if e.get("Egress")],
        "tags": _tags(acl),
    }


def route_table_props(rt: dict) -> dict:
    """A route table with its routes inline, in the engine's property names."""
    return {
        "vpcId": rt.get("VpcId"),
        "routes": [{"cidrBlock": r.get("DestinationCidrBlock"), "ipv6CidrBlock": r.get("DestinationIpv6CidrBlock"),
                    "gatewayId": r.get("GatewayId"), "natGatewayId": r.get("NatGatewayId")}
                   for r in rt.get("Routes") or []],
        "tags": _tags(rt),
    }


def gateway_props(g: dict) -> dict:
    """An internet gateway in the engine's property names: the VPC it is attached to (vpcId)."""
    vpcs = [a.get("VpcId") for a in g.get("Attachments") or [] if a.get("State") in ("available", "attached")]
    return {"vpcId": vpcs[0] if vpcs else None, "tags": _tags(g)}


reader(t.SUBNET, "ec2", "subnets", "subnet", name=lambda s: s["SubnetId"], props=subnet_props)
reader(t.ROUTE_TABLE, "ec2", "route_tables", "route table", name=lambda rt: rt["RouteTableId"],
       props=route_table_props)
reader(t.NETWORK_ACL, SERVICE, "network_acls", "network ACL", name=lambda acl: acl["NetworkAclId"], props=acl_props)
_GATEWAY = reader(t.INTERNET_GATEWAY, "isolation", "internet_gateways", "internet gateway",
       name=lambda g: g["InternetGatewayId"], props=gateway_props)
stack_rule("ec2-data-network-acl-restricted", SERVICE, (t.SUBNET, t.NETWORK_ACL))
stack_rule("ec2-internet-route-authorized-tables", SERVICE, (t.ROUTE_TABLE, t.INTERNET_GATEWAY))


@check(GATEWAY_RULE, SERVICE)
def gateway_authorized_vpc(acct: Account):
    """The gateway stack rule per Region, over its gateways and its VPCs but the default one (see above)."""
    config = acct.live.rule_config(GATEWAY_RULE)
    for region in acct.regions:
        ec2 = [inv for inv in inventories(acct, "ec2") if inv.region == region]
        gws = [inv for inv in inventories(acct, "isolation") if inv.region == region]
        if not ec2 or not gws or not all(inv.complete for inv in (*ec2, *gws)):
            continue  # a gateway or VPC missing from a partial listing proves nothing
        views = [StackResource(urn=f"live:{t.VPC}:{v['VpcId']}", type=t.VPC, name=v["VpcId"], id=v["VpcId"],
                               props={"cidrBlock": v.get("CidrBlock"), "tags": _tags(v)})
                 for inv in ec2 for v in inv.items.get("vpcs", []) if not v.get("IsDefault")]
        where = {}
        for inv, g, props in described(acct, _GATEWAY):
            if inv.region != region:
                continue
            urn = f"live:{t.INTERNET_GATEWAY}:{g['InternetGatewayId']}"
            views.append(StackResource(urn=urn, type=t.INTERNET_GATEWAY, name=g["InternetGatewayId"],
                                       id=g["InternetGatewayId"], props=props))
            where[urn] = g["InternetGatewayId"]
        for v in judge_stack_violations(GATEWAY_RULE, views, config):
            gw = where.get(v.urn, "")
            yield acct.live.finding(GATEWAY_RULE, t.INTERNET_GATEWAY, gw, gw, v.message, region)

