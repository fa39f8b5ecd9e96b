"""Rules for Elastic Load Balancing (ALB): TLS-only listeners, header hygiene, deletion protection, logs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pms_baseline_pack.opaque import is_opaque

# AWS's predefined policies that allow only TLS 1.2 and 1.3 (ELBSecurityPolicy-TLS13-1-2-2021-06 is the
# baseline's; the FS-1-2 family adds forward secrecy).
# The TLS13 family also holds ELBSecurityPolicy-TLS13-1-0-2021-06 and -1-1-, which admit TLS 1.0 and 1.1: only its
# 1-2 and 1-3 members are accepted.
# https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
TLS12_POLICY_PREFIXES = (
    "ELBSecurityPolicy-TLS13-1-2-",
    "ELBSecurityPolicy-TLS13-1-3-",
    "ELBSecurityPolicy-TLS-1-2-",
    "ELBSecurityPolicy-FS-1-2-",
)


def is_application(props: Mapping[str, Any]) -> bool:
    """True for an Application Load Balancer (``loadBalancerType`` unset defaults to application)."""
    kind = props.get("loadBalancerType")
    return kind in (None, "", "application") or is_opaque(kind)


def protocol(props: Mapping[str, Any]) -> Any:
    """A listener's protocol, upper-cased; an ALB listener without one listens on HTTP."""
    value = props.get("protocol")
    if is_opaque(value):
        return value
    return str(value).upper() if value else "HTTP"
