"""WAFv2: web ACLs, their associations and logging."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t

_API_KEYS = {"cloudwatchMetricsEnabled": "CloudWatchMetricsEnabled"}


def _api_shape(value: Any) -> Any:
    """Engine (camelCase) nested blocks in the API's PascalCase, e.g. a WAF rule's statement tree.

    One-element lists the bridge uses for nested blocks are unwrapped where the API takes an object.
    """
    if isinstance(value, dict):
        return {
            _API_KEYS.get(k, k[:1].upper() + k[1:]): _api_shape(v)
            for k, v in value.items()
            if present(v) or v == {}
        }
    if isinstance(value, list):
        return [_api_shape(v) for v in value]
    return value


@handles(t.WAF_WEB_ACL)
def _web_acl(c: Context, r: Resource, p: dict[str, Any]):
    waf = c.client("wafv2")
    got = waf.create_web_acl(
        **kw(
            Name=p.get("name") or r.name,
            Scope=p.get("scope", "REGIONAL"),
            DefaultAction=_api_shape(p.get("defaultAction") or {"allow": {}}),
            VisibilityConfig=_api_shape(p.get("visibilityConfig")),
            Rules=_api_shape(p.get("rules") or []),
            Description=p.get("description"),
            Tags=tag_list(p) or None,
        )
    )["Summary"]
    return got["Id"], {"arn": got["ARN"]}


@handles(t.WAF_WEB_ACL_ASSOCIATION)
def _web_acl_association(c: Context, r: Resource, p: dict[str, Any]):
    c.client("wafv2").associate_web_acl(WebACLArn=p["webAclArn"], ResourceArn=p["resourceArn"])
    return f"{p['webAclArn']},{p['resourceArn']}", {}


@handles(t.WAF_LOGGING)
def _web_acl_logging(c: Context, r: Resource, p: dict[str, Any]):
    c.client("wafv2").put_logging_configuration(
        LoggingConfiguration={
            "ResourceArn": p["resourceArn"],
            "LogDestinationConfigs": list(p["logDestinationConfigs"]),
        }
    )
    return p["resourceArn"], {}
