"""Sealed test environments, read live: a VPC tagged as a test environment has no internet, NAT, peering, transit
or VPN connection, and a database tagged as one is labelled synthetic (the pack's isolation rules, over what the
account has).

A live account holds production and test side by side, so the test environment is what its ``environment`` tag
marks (one of the rules' ``testEnvironments``): each test VPC is judged with the connections attached to it, and
the test databases together. The connections a VPC can have, and where each description names its VPC:
- internet gateways (``Attachments[].VpcId``), egress-only internet gateways (``Attachments[].VpcId``):
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeEgressOnlyInternetGateways.html
- NAT gateways (``VpcId``): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html
- transit gateway VPC attachments (``VpcId``):
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTransitGatewayVpcAttachments.html
- virtual private gateways (``VpcAttachments[].VpcId``):
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpnGateways.html
- peering connections (requester or accepter VPC), which ``ec2.collect`` already lists.
Gone or going connections (deleted, detached, failed, rejected, expired) are not connections.

``isolation-test-no-production-identifiers`` searches every description a Reader presents (``readers.py``) whose
``environment`` tag marks a test environment, as the pack searches a test stack's properties: a property naming
an account other than this one (the caller's, from STS) is a finding. Its ``productionIdentifiers`` come from
the pack's config, which ``verify`` does not take, so live only the foreign-account half runs.
"""

from __future__ import annotations

from pms_baseline.live.ec2 import tags
from pms_baseline.live.meta import catalogue_check
from pms_baseline.live.readers import READERS, described, unreadable
from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource
from pms_baseline_pack.rules.props import environment

NETWORK_RULE = "isolation-test-network-sealed"
DATABASE_RULE = "isolation-test-database-synthetic"
IDENTIFIERS_RULE = "isolation-test-no-production-identifiers"
GONE = {"deleted", "deleting", "detached", "detaching", "failed", "rejected", "expired"}
LISTINGS = {
    "internet_gateways": ("describe_internet_gateways", "InternetGateways"),
    "egress_only_gateways": ("describe_egress_only_internet_gateways", "EgressOnlyInternetGateways"),
    "nat_gateways": ("describe_nat_gateways", "NatGateways"),
    "transit_attachments": ("describe_transit_gateway_vpc_attachments", "TransitGatewayVpcAttachments"),
    "vpn_gateways": ("describe_vpn_gateways", "VpnGateways"),
}


@collector("isolation")
def collect(live, inv: Inventory) -> None:
    ec2 = live.client("ec2", inv.region)
    for key, (op, field) in LISTINGS.items():
        if key == "vpn_gateways":  # DescribeVpnGateways is not paginated
            got = inv.read(lambda: live.call(ec2, "describe_vpn_gateways").get("VpnGateways") or [])
        else:
            got = inv.read(lambda op=op, field=field: list(live.pages(ec2, op, field)))
        inv.items[key] = got if readable(got) else []
        inv.complete = inv.complete and readable(got)


def _live(state: str | None) -> bool:
    return (state or "").lower() not in GONE


def connections(inv: Inventory, peerings: list[dict]) -> list[tuple[str, str, set[str]]]:
    """(type token, id, VPC ids) of every live connection in the Region."""
    out: list[tuple[str, str, set[str]]] = []
    for g in inv.items.get("internet_gateways", []):
        vpcs = {a.get("VpcId") for a in g.get("Attachments") or [] if _live(a.get("State"))}
        out.append((t.INTERNET_GATEWAY, g["InternetGatewayId"], vpcs))
    for g in inv.items.get("egress_only_gateways", []):
        vpcs = {a.get("VpcId") for a in g.get("Attachments") or [] if _live(a.get("State"))}
        out.append((t.EGRESS_ONLY_INTERNET_GATEWAY, g["EgressOnlyInternetGatewayId"], vpcs))
    for g in inv.items.get("nat_gateways", []):
        if _live(g.get("State")):
            out.append((t.NAT_GATEWAY, g["NatGatewayId"], {g.get("VpcId")}))
    for a in inv.items.get("transit_attachments", []):
        if _live(a.get("State")):
            out.append((t.TRANSIT_GATEWAY_VPC_ATTACHMENT, a["TransitGatewayAttachmentId"], {a.get("VpcId")}))
    for g in inv.items.get("vpn_gateways", []):
        if _live(g.get("State")):
            vpcs = {a.get("VpcId") for a in g.get("VpcAttachments") or [] if _live(a.get("State"))}
            out.append((t.VPN_GATEWAY, g["VpnGatewayId"], vpcs))
    for p in peerings:
        if _live((p.get("Status") or {}).get("Code")):
            vpcs = {(p.get(side) or {}).get("VpcId") for side in ("RequesterVpcInfo", "AccepterVpcInfo")}
            out.append((t.VPC_PEERING_CONNECTION, p["VpcPeeringConnectionId"], vpcs))
    return out


@check(NETWORK_RULE, "isolation")
def network_sealed(acct: Account):
    """Per test VPC: the VPC (its tags make the view a test environment) and the connections attached to it."""
    config = acct.live.rule_config(NETWORK_RULE)
    wanted = set(config["testEnvironments"])
    for inv in acct.each("isolation"):
        ec2 = acct.inventories.get(("ec2", inv.region))
        if ec2 is None or not (inv.complete and ec2.complete):
            continue  # a partial listing proves no VPC sealed; the denial is its own finding
        links = connections(inv, ec2.items.get("peerings", []))
        for vpc in ec2.items.get("vpcs", []):
            vpc_tags = tags(vpc)
            if vpc_tags.get("environment") not in wanted:
                continue
            vid = vpc["VpcId"]
            views = [StackResource(urn="", type=t.VPC, name=vid, id=vid, props={"tags": vpc_tags})]
            views += [StackResource(urn=ident, type=token, name=ident, id=ident, props={})
                      for token, ident, vpcs in links if vid in vpcs]
            for v in catalogue_check(NETWORK_RULE).run_stack(views, config):
                yield acct.live.finding(NETWORK_RULE, t.VPC, vid, vid, f"VPC {vid}: {v.message}", inv.region)


@check(DATABASE_RULE, "rds")
def database_synthetic(acct: Account):
    """The DB instances and clusters tagged with a test environment, judged together per Region."""
    config = acct.live.rule_config(DATABASE_RULE)
    wanted = set(config["testEnvironments"])
    for inv in acct.each("rds"):
        views = []
        for kind, items, key in ((t.RDS_INSTANCE, inv.items.get("instances", []), "DBInstanceIdentifier"),
                                 (t.RDS_CLUSTER, inv.items.get("clusters", []), "DBClusterIdentifier")):
            for db in items:
                if kind == t.RDS_INSTANCE and db.get("DBClusterIdentifier"):
                    continue  # an Aurora member carries its cluster's data: the cluster is judged
                db_tags = {x["Key"]: x["Value"] for x in db.get("TagList") or []}
                if db_tags.get("environment") in wanted:
                    views.append(StackResource(urn=f"{kind}::{db[key]}", type=kind, name=db[key], id=db[key],
                                               props={"tags": db_tags}))
        for v in catalogue_check(DATABASE_RULE).run_stack(views, config):
            kind, _, name = v.urn.partition("::")
            yield acct.live.finding(DATABASE_RULE, kind, name, name, v.message, inv.region)


@check(IDENTIFIERS_RULE, "isolation")
def no_production_identifiers(acct: Account):
    """Every Reader's test-tagged descriptions, judged together with this account as the stack's own (the
    caller's account, in the ``arn`` the rule takes its own accounts from)."""
    config = acct.live.rule_config(IDENTIFIERS_RULE)
    wanted = set(config["testEnvironments"])
    own = f"arn:{acct.live.partition}:iam::{acct.live.account_id}:root"
    views = [StackResource(urn="", type="", name="account", props={"arn": own})]
    where: dict[str, tuple[str, str, str]] = {}
    for r in sorted(set(READERS.values()), key=lambda r: r.token):
        for inv, item, props in described(acct, r):
            if environment(props) not in wanted or unreadable(props):
                continue
            name = r.name(item)
            urn = f"live:{r.token}:{inv.region}:{name}"
            where[urn] = (r.token, name, "" if inv.region == "global" else inv.region)
            views.append(StackResource(urn=urn, type=r.token, name=name, props={k: v for k, v in props.items()
                                                                                if k != "arn"}))
    if len(views) == 1:
        return
    for v in catalogue_check(IDENTIFIERS_RULE).run_stack(views, config):
        token, name, region = where.get(v.urn, ("", "account", ""))
        yield acct.live.finding(IDENTIFIERS_RULE, token, name, name, v.message, region)
