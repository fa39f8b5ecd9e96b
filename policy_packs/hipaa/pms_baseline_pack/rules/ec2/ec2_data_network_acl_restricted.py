"""Data-tier subnets sit behind a network ACL of the stack that admits nothing from the internet."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import (
    DATA_TIER,
    TIER_TAG,
    as_list,
    blocks,
    of_type,
    resource_identities,
    tags,
)

WORLD = ("0.0.0.0/0", "::/0")


def _acl_subnets(acl, resources) -> set[str]:
    """Subnet ids the ACL is attached to (its subnetIds and NetworkAclAssociation resources)."""
    ids = resource_identities(acl)
    found = {s for s in as_list(acl.props.get("subnetIds")) if isinstance(s, str)}
    found |= {
        a.props.get("subnetId")
        for a in of_type(resources, t.NETWORK_ACL_ASSOCIATION)
        if a.props.get("networkAclId") in ids
    }
    return found


@stack_rule(
    id="ec2-data-network-acl-restricted",
    title="Data-tier subnets have a network ACL that admits nothing from the internet",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.SUBNET, t.NETWORK_ACL, t.NETWORK_ACL_RULE, t.NETWORK_ACL_ASSOCIATION),
    remediation=(
        "Use the SegmentedNetwork component: attach a network ACL to every pms-tier=data subnet that "
        "allows ingress only on the database port from the app subnets, never from 0.0.0.0/0 or ::/0."
    ),
)
def check(resources, config):
    """Each pms-tier=data subnet has a NACL of the stack; none of its allow-ingress entries is world-open."""
    acls = of_type(resources, t.NETWORK_ACL)
    attached = {acl.urn: _acl_subnets(acl, resources) for acl in acls}
    data_acls = {acl.urn for acl in acls if tags(acl.props).get(TIER_TAG) == DATA_TIER}
    found = []
    for subnet in of_type(resources, t.SUBNET):
        if tags(subnet.props).get(TIER_TAG) != DATA_TIER:
            continue
        ids = resource_identities(subnet)
        mine = {
            urn for urn, subnets in attached.items() if subnets & ids or any(is_opaque(s) for s in subnets)
        }
        if not mine:
            found.append(
                Violation(
                    f"data subnet {subnet.name} has no network ACL in this stack, so the VPC's default ACL "
                    "(allow all) applies; attach a data-tier network ACL (164.312(a)(1))",
                    subnet.urn,
                )
            )
        data_acls |= mine
    for acl in acls:
        if acl.urn not in data_acls:
            continue
        ids = resource_identities(acl)
        entries = [
            (e, acl.urn, e.get("action")) for e in blocks(acl.props.get("ingress")) if isinstance(e, dict)
        ]
        entries += [
            (r.props, r.urn, r.props.get("ruleAction"))
            for r in of_type(resources, t.NETWORK_ACL_RULE)
            if r.props.get("networkAclId") in ids and r.props.get("egress") is not True
        ]
        for entry, urn, action in entries:
            cidr = next((c for c in (entry.get("cidrBlock"), entry.get("ipv6CidrBlock")) if c in WORLD), None)
            if cidr and str(action).lower() == "allow":
                found.append(
                    Violation(
                        f"data network ACL {acl.name} allows ingress from {cidr}; allow only the database "
                        "port from the app subnets (164.312(a)(1))",
                        urn,
                    )
                )
    return found
