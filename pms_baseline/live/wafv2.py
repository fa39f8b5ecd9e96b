"""AWS WAFv2 regional web ACLs read live under the pre-deploy rules' ids: each web ACL logs its requests
(wafv2-web-acl-logging-enabled, the pack's stack rule over web ACLs and logging configurations), to a destination
named aws-waf-logs-* (wafv2-logging-destination-named-aws-waf-logs, on each logging configuration), and every
internet-facing Application Load Balancer is associated with a web ACL (wafv2-internet-facing-alb-protected, the
stack rule over the load balancers elb.py reads and the web ACLs' associations).

https://docs.aws.amazon.com/waf/latest/APIReference/API_ListWebACLs.html (Scope REGIONAL; NextMarker)
https://docs.aws.amazon.com/waf/latest/APIReference/API_GetLoggingConfiguration.html (WAFNonexistentItemException
when the web ACL has no logging configuration; LogDestinationConfigs)
https://docs.aws.amazon.com/waf/latest/APIReference/API_ListResourcesForWebACL.html (ResourceType
APPLICATION_LOAD_BALANCER: the ARNs of the load balancers associated with the web ACL)

Only REGIONAL web ACLs are read: CloudFront's (scope CLOUDFRONT) protect distributions, which verify does not
read. A logging configuration that cannot be read is unreadable, so the logging stack rule is not run in that
Region; an association listing that fails likewise leaves the load balancer rule unrun, never a verdict.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "wafv2"


def _web_acls(live, waf) -> list[dict]:
    """Every regional web ACL summary (ListWebACLs has no paginator: follow NextMarker)."""
    acls, marker = [], None
    while True:
        page = live.call(waf, "list_web_acls", Scope="REGIONAL", **({"NextMarker": marker} if marker else {}))
        acls += page.get("WebACLs") or []
        marker = page.get("NextMarker")
        if not marker or not page.get("WebACLs"):
            return acls


@collector(SERVICE)
def collect(live, inv: Inventory) -> None:
    waf = live.client("wafv2", inv.region)
    acls = inv.read(lambda: _web_acls(live, waf))
    if not readable(acls):
        inv.complete = False
        return
    logging, associations = [], []
    for acl in acls:
        arn = acl["ARN"]
        got = inv.read(lambda a=arn: live.call(
            waf, "get_logging_configuration", missing=("WAFNonexistentItemException",), ResourceArn=a))
        if not readable(got):
            logging.append(UNREADABLE)
        elif got is not None:
            logging.append({**got["LoggingConfiguration"], "WebACLName": acl["Name"]})
        arns = inv.read(lambda a=arn: live.call(
            waf, "list_resources_for_web_acl", WebACLArn=a, ResourceType="APPLICATION_LOAD_BALANCER")["ResourceArns"])
        if not readable(arns):
            associations.append(UNREADABLE)
            continue
        associations += [{"WebACLArn": arn, "WebACLName": acl["Name"], "ResourceArn": r} for r in arns]
    inv.items["web_acls"] = acls
    inv.items["logging_configurations"] = logging
    inv.items["associations"] = associations


def web_acl_props(acl: dict) -> dict:
    """A web ACL summary in the engine's property names."""
    return {"name": acl.get("Name"), "arn": acl.get("ARN"), "scope": "REGIONAL", "description": acl.get("Description")}


def logging_props(cfg: dict) -> dict:
    """A logging configuration in the engine's property names (aws:wafv2/webAclLoggingConfiguration)."""
    return {"resourceArn": cfg.get("ResourceArn"),
            "logDestinationConfigs": list(cfg.get("LogDestinationConfigs") or [])}


def association_props(a: dict) -> dict:
    """One web ACL association in the engine's property names (aws:wafv2/webAclAssociation)."""
    return {"webAclArn": a["WebACLArn"], "resourceArn": a["ResourceArn"]}


reader(
    t.WAF_WEB_ACL, SERVICE, "web_acls", "web ACL",
    name=lambda acl: acl["Name"],
    ids=lambda acl: (acl["Id"], acl["ARN"], f"{acl['Id']}/{acl['Name']}/REGIONAL"),
    props=web_acl_props,
)
reader(
    t.WAF_LOGGING, SERVICE, "logging_configurations", "logging configuration of web ACL",
    name=lambda cfg: cfg["WebACLName"],
    ids=lambda cfg: (cfg["ResourceArn"],),
    props=logging_props,
    rules=("wafv2-logging-destination-named-aws-waf-logs",),
)
reader(
    t.WAF_WEB_ACL_ASSOCIATION, SERVICE, "associations", "web ACL association",
    name=lambda a: f"{a['WebACLName']} {a['ResourceArn'].rsplit('/', 2)[-2]}",
    ids=lambda a: (f"{a['WebACLArn']},{a['ResourceArn']}",),
    props=association_props,
)
stack_rule("wafv2-web-acl-logging-enabled", SERVICE, (t.WAF_WEB_ACL, t.WAF_LOGGING))
stack_rule("wafv2-internet-facing-alb-protected", SERVICE, (t.LOAD_BALANCER, t.WAF_WEB_ACL_ASSOCIATION))
