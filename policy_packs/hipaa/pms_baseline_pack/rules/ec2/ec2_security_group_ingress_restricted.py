"""No security group admits the internet (0.0.0.0/0 or ::/0), except HTTPS (and HTTP, which only redirects) on
the load balancer's security group."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import (
    LOAD_BALANCER_ROLE,
    ROLE_TAG,
    as_list,
    blocks,
    by_identity,
    integer,
    of_type,
    tags,
)

WORLD = ("0.0.0.0/0", "::/0")
ALL_PROTOCOLS = ("-1", "all")


def _port(value):
    whole = integer(value)
    return value if whole is None else whole


def _entries(resources):
    """(declaring resource, security group id or None for inline, protocol, from, to, world CIDRs)."""
    for group in of_type(resources, t.SECURITY_GROUP):
        for rule in blocks(group.props.get("ingress")):
            if isinstance(rule, dict):
                cidrs = as_list(rule.get("cidrBlocks")) + as_list(rule.get("ipv6CidrBlocks"))
                yield (
                    group,
                    group,
                    rule.get("protocol"),
                    _port(rule.get("fromPort")),
                    _port(rule.get("toPort")),
                    cidrs,
                )
    groups = by_identity(of_type(resources, t.SECURITY_GROUP))
    for rule in of_type(resources, t.SECURITY_GROUP_RULE, t.SG_INGRESS_RULE):
        p = rule.props
        if rule.type == t.SECURITY_GROUP_RULE:
            if p.get("type") != "ingress":
                continue
            protocol, cidrs = (
                p.get("protocol"),
                as_list(p.get("cidrBlocks")) + as_list(p.get("ipv6CidrBlocks")),
            )
        else:
            protocol, cidrs = p.get("ipProtocol"), [p.get("cidrIpv4"), p.get("cidrIpv6")]
        group = next(iter(groups.get(p.get("securityGroupId"), ())), None)
        yield rule, group, protocol, _port(p.get("fromPort")), _port(p.get("toPort")), cidrs


def _ports(protocol, low, high) -> str:
    if str(protocol).lower() in ALL_PROTOCOLS:
        return "all protocols and ports"
    return f"{protocol} {low}" if low == high else f"{protocol} {low}-{high}"


@stack_rule(
    id="ec2-security-group-ingress-restricted",
    title="Security groups admit the internet only on HTTPS/HTTP of the load balancer",
    severity="critical",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.SECURITY_GROUP, t.SECURITY_GROUP_RULE, t.SG_INGRESS_RULE),
    remediation=(
        "Admit only other security groups (app from load balancer, database from app). Internet ingress "
        "belongs only on the load balancer's security group, tagged pms-role=load-balancer, for ports 443 "
        "and 80."
    ),
    aws_config_rules=("restricted-ssh", "restricted-common-ports", "vpc-sg-open-only-to-authorized-ports"),
    checkov_ids=("CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"),
    config={
        "loadBalancerPorts": ConfigParam(
            "array",
            [443, 80],
            "Ports a security group tagged pms-role=load-balancer may open to the internet (80 only "
            "redirects).",
            items="integer",
            choices=(443, 80),
        )
    },
)
def check(resources, config):
    """Every ingress from 0.0.0.0/0 or ::/0 is on an allowed port of a pms-role=load-balancer group."""
    allowed = {int(port) for port in config["loadBalancerPorts"]}
    found = []
    for source, group, protocol, low, high, cidrs in _entries(resources):
        world = [c for c in cidrs if c in WORLD]
        if not world or any(is_opaque(v) for v in (protocol, low, high)):
            continue
        ports = _ports(protocol, low, high)
        is_lb = group is not None and tags(group.props).get(ROLE_TAG) == LOAD_BALANCER_ROLE
        tcp_ports = (
            str(protocol).lower() in ("tcp", "6")
            and isinstance(low, int)
            and isinstance(high, int)
            and set(range(low, high + 1)) <= allowed
        )
        unknown_group = (
            group is None
            and source.type != t.SECURITY_GROUP
            and is_opaque(source.props.get("securityGroupId"))
        )
        if tcp_ports and (is_lb or unknown_group):
            continue
        name = (group.props.get("name") or group.name) if group is not None else "(not in this stack)"
        listed = " and ".join(str(p) for p in sorted(allowed, reverse=True))
        fix = (
            f"the load balancer may open only ports {listed} to the internet"
            if is_lb
            else "admit a security group instead; only the load balancer's group (tagged "
            f"pms-role=load-balancer) may take internet traffic, on ports {listed}"
        )
        found.append(
            Violation(
                f"security group {name} allows ingress from {', '.join(world)} on {ports}; {fix} "
                "(164.312(a)(1))",
                source.urn,
            )
        )
    return found
