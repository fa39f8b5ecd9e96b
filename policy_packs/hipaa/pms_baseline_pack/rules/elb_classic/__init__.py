"""Rules for Classic Load Balancers (aws:elb/*): listeners, certificates, TLS policies, cross-zone balancing.

The Application/Network Load Balancer rules are in rules/elb/; these ids start with classic-elb- to keep apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules.props import blocks

SECURE_PROTOCOLS = ("HTTPS", "SSL")


def listeners(props: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The load balancer's listener blocks (opaque or malformed entries left out)."""
    return [x for x in blocks(props.get("listeners")) if isinstance(x, Mapping)]


def lb_protocol(listener: Mapping[str, Any]) -> Any:
    """The listener's front-end protocol, upper-cased (opaque passes through)."""
    value = listener.get("lbProtocol")
    return value if is_opaque(value) or not isinstance(value, str) else value.upper()
