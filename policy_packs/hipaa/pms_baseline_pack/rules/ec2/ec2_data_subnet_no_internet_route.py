"""Data-tier subnets (tagged pms-tier=data) have no route to an internet or NAT gateway."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import (
    DATA_TIER,
    TIER_TAG,
    blocks,
    by_identity,
    of_type,
    ref,
    resource_identities,
    tags,
)


def _route_tables(subnet, associations: dict[str, set[str]], vpcs: dict[str, list]) -> set[str]:
    """Ids of the route tables the subnet uses: its associations, else its VPC's main route table."""
    tables = set().union(*(associations.get(i, set()) for i in resource_identities(subnet)))
    if not tables:
        for vpc in vpcs.get(subnet.props.get("vpcId"), ()):
            tables |= {vpc.props.get("mainRouteTableId"), vpc.props.get("defaultRouteTableId")}
    return {x for x in tables if isinstance(x, str) and x and not is_opaque(x)}


def _internet_target(route, gateways) -> str:
    """The internet-bound target of a route ('internet gateway igw-..'), or ''."""
    gateway = route.get("gatewayId")
    if isinstance(gateway, str) and (gateway.startswith("igw-") or gateway in gateways):
        return f"internet gateway {gateway}"
    for prop, kind in (("natGatewayId", "NAT gateway"), ("egressOnlyGatewayId", "egress-only gateway")):
        value = route.get(prop)
        if isinstance(value, str) and value and not is_opaque(value):
            return f"{kind} {value}"
    return ""


@stack_rule(
    id="ec2-data-subnet-no-internet-route",
    title="Data-tier subnets have no route to an internet or NAT gateway",
    severity="critical",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.SUBNET, t.ROUTE_TABLE, t.ROUTE, t.ROUTE_TABLE_ASSOCIATION),
    remediation=(
        "Use the SegmentedNetwork component: data subnets (tagged pms-tier=data) use a route table with "
        "only the local route and VPC endpoints; remove any route to an internet, egress-only or NAT "
        "gateway."
    ),
)
def check(resources, config):
    """No route table used by a pms-tier=data subnet routes to an internet, egress-only or NAT gateway."""
    gateways = set()
    for gw in of_type(resources, t.INTERNET_GATEWAY, t.EGRESS_ONLY_INTERNET_GATEWAY):
        gateways |= resource_identities(gw)
    tables = by_identity(of_type(resources, t.ROUTE_TABLE))
    routes: dict[str, list] = {}
    for r in of_type(resources, t.ROUTE):
        routes.setdefault(ref(r.props.get("routeTableId")), []).append(r)
    associations: dict[str, set[str]] = {}
    for a in of_type(resources, t.ROUTE_TABLE_ASSOCIATION):
        associations.setdefault(ref(a.props.get("subnetId")), set()).add(ref(a.props.get("routeTableId")))
    vpcs = by_identity(of_type(resources, t.VPC))
    found = []
    for subnet in of_type(resources, t.SUBNET):
        if tags(subnet.props).get(TIER_TAG) != DATA_TIER:
            continue
        for table_id in sorted(_route_tables(subnet, associations, vpcs)):
            entries = [
                (r, table.urn)
                for table in tables.get(table_id, ())
                for r in blocks(table.props.get("routes"))
                if isinstance(r, dict)
            ]
            entries += [(r.props, r.urn) for r in routes.get(table_id, ())]
            for route, urn in entries:
                target = _internet_target(route, gateways)
                if target:
                    dest = (
                        route.get("cidrBlock")
                        or route.get("destinationCidrBlock")
                        or route.get("ipv6CidrBlock")
                        or route.get("destinationIpv6CidrBlock")
                        or "a destination"
                    )
                    found.append(
                        Violation(
                            f"data subnet {subnet.name} routes {dest} to {target} through route table "
                            f"{table_id}; remove the route, data subnets reach AWS through VPC endpoints "
                            "only (164.312(a)(1))",
                            urn,
                        )
                    )
    return found
