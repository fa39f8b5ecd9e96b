"""EC2 networking: no ingress from the world (but the load balancer's web ports), closed default security
groups, no public IPs on launch, no internet route from data subnets, flow logs on every VPC, and no peering
between test and production VPCs."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, judge_stack, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules import StackResource

WORLD = ("0.0.0.0/0", "::/0")
DATA_TIER_TAG = ("pms-tier", "data")
ENVIRONMENT_TAG = "environment"
PROD_ENVIRONMENTS = ("prod", "production")
TEST_ENVIRONMENTS = ("test",)
LISTINGS = {
    "vpcs": ("describe_vpcs", "Vpcs"),
    "subnets": ("describe_subnets", "Subnets"),
    "security_groups": ("describe_security_groups", "SecurityGroups"),
    "route_tables": ("describe_route_tables", "RouteTables"),
    "flow_logs": ("describe_flow_logs", "FlowLogs"),
    "peerings": ("describe_vpc_peering_connections", "VpcPeeringConnections"),
}


@collector("ec2")
def collect(live, inv: Inventory) -> None:
    ec2 = live.client("ec2", inv.region)
    for key, (op, field) in LISTINGS.items():
        got = inv.read(lambda op=op, field=field: list(live.pages(ec2, op, field)))
        inv.items[key] = got if readable(got) else []
        inv.complete = inv.complete and readable(got)
    # https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsEncryptionByDefault.html (per region).
    ebs = inv.read(lambda: live.call(ec2, "get_ebs_encryption_by_default")["EbsEncryptionByDefault"])
    inv.items["ebs_encryption_by_default"] = ebs
    # https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsDefaultKmsKeyId.html: the key's ARN, or
    # the AWS managed aws/ebs key's alias when no customer-managed key was set.
    inv.items["ebs_default_kms_key"] = inv.read(lambda: live.call(ec2, "get_ebs_default_kms_key_id")["KmsKeyId"])
    # The load balancer's security groups may take the web ports from the world; nothing else may.
    elb = live.client("elbv2", inv.region)
    lbs = inv.read(lambda: list(live.pages(elb, "describe_load_balancers", "LoadBalancers")))
    inv.items["lb_security_groups"] = {
        sg for lb in (lbs if readable(lbs) else []) for sg in lb.get("SecurityGroups") or []
    }


def tags(item: dict) -> dict[str, str]:
    return {x["Key"]: x["Value"] for x in item.get("Tags") or []}


def _name(item: dict, ident: str) -> str:
    return tags(item).get("Name") or ident


def _default_vpcs(inv: Inventory) -> set[str]:
    # AWS creates a default VPC in every region; the baseline's checks judge the VPCs a stack declares.
    return {v["VpcId"] for v in inv.items.get("vpcs", []) if v.get("IsDefault")}


def _port_range(perm: dict) -> str:
    if perm.get("IpProtocol") == "-1":
        return "all ports"
    lo, hi = perm.get("FromPort"), perm.get("ToPort")
    return f"port {lo}" if lo == hi else f"ports {lo}-{hi}"


@check("ec2-security-group-ingress-restricted", "ec2")
def ingress_restricted(acct: Account):
    allowed = set(
        acct.live.rule_config("ec2-security-group-ingress-restricted").get("loadBalancerPorts", [])
    )
    for inv in acct.each("ec2"):
        lb_groups = inv.items.get("lb_security_groups", set())
        for sg in inv.items.get("security_groups", []):
            for perm in sg.get("IpPermissions") or []:
                cidrs = [r.get("CidrIp") for r in perm.get("IpRanges") or []] + [
                    r.get("CidrIpv6") for r in perm.get("Ipv6Ranges") or []
                ]
                open_to = [c for c in cidrs if c in WORLD]
                if not open_to:
                    continue
                lo, hi = perm.get("FromPort"), perm.get("ToPort")
                if (
                    sg["GroupId"] in lb_groups
                    and perm.get("IpProtocol") == "tcp"
                    and lo == hi
                    and lo in allowed
                ):
                    continue
                yield acct.live.finding(
                    "ec2-security-group-ingress-restricted",
                    t.SECURITY_GROUP,
                    sg["GroupName"],
                    sg["GroupId"],
                    f"security group {sg['GroupName']} ({sg['GroupId']}): ingress on "
                    f"{_port_range(perm)} is open "
                    f"to {', '.join(open_to)}; remove the rule and allow only named security groups "
                    "(164.312(a)(1))",
                    inv.region,
                )


@check("ec2-default-security-group-closed", "ec2")
def default_group_closed(acct: Account):
    for inv in acct.each("ec2"):
        defaults = _default_vpcs(inv)
        for sg in inv.items.get("security_groups", []):
            if sg["GroupName"] != "default" or sg.get("VpcId") in defaults:
                continue
            n_in, n_out = len(sg.get("IpPermissions") or []), len(sg.get("IpPermissionsEgress") or [])
            if n_in or n_out:
                yield acct.live.finding(
                    "ec2-default-security-group-closed",
                    t.DEFAULT_SECURITY_GROUP,
                    sg["GroupId"],
                    sg["GroupId"],
                    f"default security group {sg['GroupId']} of {sg.get('VpcId')} has {n_in} "
                    f"ingress and {n_out} "
                    "egress rules; remove them all (164.312(a)(1))",
                    inv.region,
                )


@check("ec2-subnet-public-ip-on-launch-disabled", "ec2")
def subnet_no_public_ip(acct: Account):
    for inv in acct.each("ec2"):
        defaults = _default_vpcs(inv)
        for subnet in inv.items.get("subnets", []):
            if subnet.get("VpcId") in defaults:
                continue
            sid = subnet["SubnetId"]
            for msg in judge(
                "ec2-subnet-public-ip-on-launch-disabled",
                {"mapPublicIpOnLaunch": subnet.get("MapPublicIpOnLaunch")},
            ):
                yield acct.live.finding(
                    "ec2-subnet-public-ip-on-launch-disabled",
                    t.SUBNET,
                    _name(subnet, sid),
                    sid,
                    f"subnet {sid}: {msg}",
                    inv.region,
                )


def _route_table_of(inv: Inventory, subnet: dict) -> dict | None:
    main = None
    for rt in inv.items.get("route_tables", []):
        for assoc in rt.get("Associations") or []:
            if assoc.get("SubnetId") == subnet["SubnetId"]:
                return rt
            if assoc.get("Main") and rt.get("VpcId") == subnet.get("VpcId"):
                main = rt
    return main


@check("ec2-data-subnet-no-internet-route", "ec2")
def data_subnet_no_internet(acct: Account):
    key, value = DATA_TIER_TAG
    for inv in acct.each("ec2"):
        for subnet in inv.items.get("subnets", []):
            if tags(subnet).get(key) != value:
                continue
            rt = _route_table_of(inv, subnet)
            for route in (rt or {}).get("Routes") or []:
                gw = route.get("GatewayId") or route.get("NatGatewayId") or ""
                if gw.startswith(("igw-", "nat-")) and route.get("State", "active") == "active":
                    dest = route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock")
                    sid = subnet["SubnetId"]
                    yield acct.live.finding(
                        "ec2-data-subnet-no-internet-route",
                        t.SUBNET,
                        _name(subnet, sid),
                        sid,
                        f"data subnet {sid}: route table {rt['RouteTableId']} routes {dest} to "
                        f"{gw}; delete the "
                        "route, data subnets reach nothing outside the VPC (164.312(a)(1))",
                        inv.region,
                    )


@check("ec2-vpc-flow-logs-enabled", "ec2")
def flow_logs(acct: Account):
    for inv in acct.each("ec2"):
        if not inv.complete:
            continue
        logged = {
            f.get("ResourceId")
            for f in inv.items.get("flow_logs", [])
            if f.get("FlowLogStatus", "ACTIVE") == "ACTIVE"
        }
        for vpc in inv.items.get("vpcs", []):
            if vpc.get("IsDefault") or vpc["VpcId"] in logged:
                continue
            yield acct.live.finding(
                "ec2-vpc-flow-logs-enabled",
                t.VPC,
                _name(vpc, vpc["VpcId"]),
                vpc["VpcId"],
                f"VPC {vpc['VpcId']} has no active flow log, so its traffic is not recorded; deploy "
                "SegmentedNetwork's flow log (164.312(b))",
                inv.region,
            )


@check("ec2-no-test-prod-vpc-peering", "ec2")
def no_test_prod_peering(acct: Account):
    envs = {
        v["VpcId"]: tags(v).get(ENVIRONMENT_TAG, "")
        for inv in acct.each("ec2")
        for v in inv.items.get("vpcs", [])
    }
    for inv in acct.each("ec2"):
        for pcx in inv.items.get("peerings", []):
            if (pcx.get("Status") or {}).get("Code") in ("deleted", "rejected", "failed", "expired"):
                continue
            a = (pcx.get("RequesterVpcInfo") or {}).get("VpcId", "")
            b = (pcx.get("AccepterVpcInfo") or {}).get("VpcId", "")
            pair = {envs.get(a, ""), envs.get(b, "")}
            if pair & set(TEST_ENVIRONMENTS) and pair & set(PROD_ENVIRONMENTS):
                pid = pcx["VpcPeeringConnectionId"]
                yield acct.live.finding(
                    "ec2-no-test-prod-vpc-peering",
                    t.VPC_PEERING_CONNECTION,
                    pid,
                    pid,
                    f"peering connection {pid} joins {a} ({envs.get(a)}) and {b} ({envs.get(b)}); "
                    "delete it, a "
                    "test environment has no path to production (164.308(a)(4)(ii)(A))",
                    inv.region,
                )


EBS_RULE = "account-ebs-encryption-by-default-enabled"


@check(EBS_RULE, "ec2")
def ebs_encryption_by_default(acct: Account):
    """The stack rule over the Region's setting and default key (``default_key_view``)."""
    for inv in acct.each("ec2"):
        enabled = inv.items.get("ebs_encryption_by_default")
        if enabled is None or not readable(enabled):
            continue
        views = [
            StackResource(urn="", type=t.EBS_ENCRYPTION_BY_DEFAULT, name="ebs", props={"enabled": bool(enabled)}),
            StackResource(urn="", type=t.EBS_DEFAULT_KMS_KEY, name="ebs",
                          props={"keyArn": default_key_view(acct, inv)}),
        ]
        for msg in judge_stack(EBS_RULE, views, acct.live.rule_config(EBS_RULE)):
            yield acct.live.finding(
                EBS_RULE, t.EBS_ENCRYPTION_BY_DEFAULT, f"ebs-{inv.region}", inv.region, msg, inv.region
            )


AWS_EBS_KEY = "alias/aws/ebs"


def default_key_view(acct: Account, inv: Inventory):
    """The Region's EBS default key as the rule reads ``keyArn``: the key's ARN when it is a customer-managed key
    (one ``kms.collect`` lists, or one of another account, which AWS never manages), ``alias/aws/ebs`` when it is
    the AWS managed key (named by that alias, or a key of this account the complete KMS listing leaves out as AWS
    managed), and unknown when that cannot be told (the key or the listing unreadable)."""
    ref = inv.items.get("ebs_default_kms_key")
    if not isinstance(ref, str) or not ref:
        return UNKNOWN
    if ref == AWS_EBS_KEY or ref.endswith(":" + AWS_EBS_KEY):
        return AWS_EBS_KEY
    parts = ref.split(":")
    if len(parts) > 5 and parts[4] != acct.live.account_id:
        return ref
    kms = acct.inventories.get(("kms", inv.region))
    if kms is None or not kms.complete:
        return UNKNOWN
    customer = {ident for k in kms.items.get("keys", []) for ident in (k["meta"]["Arn"], k["meta"]["KeyId"])}
    return ref if ref in customer or ref.rsplit("/", 1)[-1] in customer else AWS_EBS_KEY
