"""Only authorised route tables send 0.0.0.0/0 or ::/0 to an internet gateway: by default the public tier's
(tagged pms-tier=public), or exactly the list AWS Config's no-unrestricted-route-to-igw is deployed with."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import TIER_TAG, blocks, by_identity, of_type, resource_identities, tags

WORLD = ("0.0.0.0/0", "::/0")
PUBLIC_TIER = "public"


def _routes(resources):
    """(declaring resource, route table id, destination, gateway) of every route, inline or standalone."""
    for table in of_type(resources, t.ROUTE_TABLE):
        for route in blocks(table.props.get("routes")):
            if isinstance(route, dict):
                yield table, table.id, route.get("cidrBlock") or route.get("ipv6CidrBlock"), route.get("gatewayId")
    for route in of_type(resources, t.ROUTE):
        p = route.props
        destination = p.get("destinationCidrBlock") or p.get("destinationIpv6CidrBlock")
        table_id = p.get("routeTableId")
        yield route, table_id if isinstance(table_id, str) else None, destination, p.get("gatewayId")


@stack_rule(
    id="ec2-internet-route-authorized-tables",
    title="Only authorised route tables route the internet to an internet gateway",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.ROUTE_TABLE, t.ROUTE, t.INTERNET_GATEWAY),
    remediation="Route 0.0.0.0/0 or ::/0 to an internet gateway only from the public tier's route table (load "
    "balancer and NAT gateways, tagged pms-tier=public); app subnets go out through NAT, data subnets not at all.",
    aws_config_rules=("no-unrestricted-route-to-igw",),
    config={
        "routeTableIds": ConfigParam(
            "array", [], "Route tables that may route 0.0.0.0/0 or ::/0 to an internet gateway (routeTableIds of "
            "the Config rule).",
            items="string",
            item_form=(r"rtb-[0-9a-f]{8}(?:[0-9a-f]{9})?", "a route table id (rtb- and 8 or 17 hex digits)"),
        ),
        "authorizePublicTier": ConfigParam(
            "boolean",
            True,
            "Also authorise the route tables tagged pms-tier=public. False judges exactly as the AWS Config rule "
            "does: with routeTableIds empty, every such route is unauthorised.",
        ),
    },
)
def check(resources, config):
    """Every route from 0.0.0.0/0 or ::/0 to an internet gateway is in an authorised route table."""
    gateways = set()
    for gw in of_type(resources, t.INTERNET_GATEWAY):
        gateways |= resource_identities(gw)
    allowed = set(config["routeTableIds"])
    if config["authorizePublicTier"]:
        for table in of_type(resources, t.ROUTE_TABLE):
            if tags(table.props).get(TIER_TAG) == PUBLIC_TIER:
                allowed |= resource_identities(table)
    tables = by_identity(of_type(resources, t.ROUTE_TABLE))
    found = []
    for source, table_id, destination, gateway in _routes(resources):
        if destination not in WORLD or not isinstance(gateway, str) or is_opaque(gateway):
            continue
        if not (gateway.startswith("igw-") or gateway in gateways):
            continue
        if table_id is None or is_opaque(table_id) or table_id in allowed:
            continue
        names = ", ".join(sorted(tb.name for tb in tables.get(table_id, ()))) or table_id
        found.append(Violation(
            f"route table {names} routes {destination} to internet gateway {gateway} but is not authorised to; "
            "only the public tier's table may route to the internet gateway (164.312(a)(1))", source.urn))
    return found
