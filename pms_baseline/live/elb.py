"""Elastic Load Balancing (v2): load balancers protected from deletion, logging access and dropping invalid
headers; listeners on TLS 1.2+ with an ACM certificate, or redirecting HTTP to HTTPS. The load balancers are also
a Reader kind (``view_props``), so stack rules spanning them (a web ACL association, an access-log bucket) judge
the account; a load balancer whose attributes cannot be read has its access logs unreadable.

https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancers.html (Scheme
internet-facing or internal, Type application, network or gateway)
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t

LB_RULES = (
    "elb-load-balancer-deletion-protection-enabled",
    "elb-load-balancer-access-logs-enabled",
    "elb-load-balancer-drops-invalid-headers",
)
LISTENER_RULES = ("elb-listener-tls-only", "elb-listener-acm-certificate")


@collector("elbv2")
def collect(live, inv: Inventory) -> None:
    elb = live.client("elbv2", inv.region)
    lbs = inv.read(lambda: list(live.pages(elb, "describe_load_balancers", "LoadBalancers")))
    if not readable(lbs):
        inv.complete = False
        return
    described, listeners = [], []
    for lb in lbs:
        arn = lb["LoadBalancerArn"]
        # https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html
        attrs = inv.read(
            lambda a=arn: {
                x["Key"]: x.get("Value")
                for x in live.call(elb, "describe_load_balancer_attributes", LoadBalancerArn=a)["Attributes"]
            }
        )
        described.append({**lb, "Attributes": attrs})
        got = inv.read(lambda a=arn: list(live.pages(elb, "describe_listeners", "Listeners", LoadBalancerArn=a)))
        inv.complete = inv.complete and readable(got)
        listeners += [{**ls, "LoadBalancerName": lb["LoadBalancerName"]} for ls in got] if readable(got) else []
    inv.items["load_balancers"] = described
    inv.items["listeners"] = listeners


def _flag(attrs: dict, key: str) -> bool:
    """An attribute's value as a boolean; an attribute AWS does not list is off."""
    return str(attrs.get(key, "false")).lower() == "true"


def lb_props(lb: dict) -> dict:
    """A load balancer description in the engine's property names, as the pre-deploy rules read them."""
    attrs = lb["Attributes"]
    return {
        "loadBalancerType": lb.get("Type"),
        "enableDeletionProtection": _flag(attrs, "deletion_protection.enabled"),
        "dropInvalidHeaderFields": _flag(attrs, "routing.http.drop_invalid_header_fields.enabled"),
        "accessLogs": {
            "enabled": _flag(attrs, "access_logs.s3.enabled"),
            "bucket": attrs.get("access_logs.s3.bucket") or None,
            "prefix": attrs.get("access_logs.s3.prefix") or None,
        },
    }


def listener_props(ls: dict) -> dict:
    """A listener description in the engine's property names."""
    certs = [c.get("CertificateArn") for c in ls.get("Certificates") or [] if c.get("CertificateArn")]
    actions = []
    for a in ls.get("DefaultActions") or []:
        red = a.get("RedirectConfig")
        actions.append({"type": a.get("Type"), "redirect": {"protocol": red.get("Protocol")} if red else None})
    return {
        "protocol": ls.get("Protocol"),
        "port": ls.get("Port"),
        "sslPolicy": ls.get("SslPolicy"),
        "certificateArn": certs[0] if certs else None,
        "defaultActions": actions,
    }


def _lb_check(rule_id: str):
    def run(acct: Account):
        for inv in acct.each("elbv2"):
            for lb in inv.items.get("load_balancers", []):
                if not readable(lb["Attributes"]):
                    continue
                name = lb["LoadBalancerName"]
                for msg in judge(rule_id, lb_props(lb), acct.live.rule_config(rule_id)):
                    yield acct.live.finding(
                        rule_id, t.LOAD_BALANCER, name, lb["LoadBalancerArn"], f"load balancer {name}: {msg}",
                        inv.region,
                    )

    run.__name__ = rule_id.replace("-", "_")
    return check(rule_id, "elbv2")(run)


def _listener_check(rule_id: str):
    def run(acct: Account):
        for inv in acct.each("elbv2"):
            for ls in inv.items.get("listeners", []):
                name = f"{ls['LoadBalancerName']}:{ls.get('Port')}"
                for msg in judge(rule_id, listener_props(ls), acct.live.rule_config(rule_id)):
                    yield acct.live.finding(
                        rule_id, t.LB_LISTENER, name, ls["ListenerArn"], f"listener {name}: {msg}", inv.region
                    )

    run.__name__ = rule_id.replace("-", "_")
    return check(rule_id, "elbv2")(run)


for _rule in LB_RULES:
    _lb_check(_rule)
for _rule in LISTENER_RULES:
    _listener_check(_rule)


def view_props(lb: dict) -> dict:
    """A load balancer in the engine's property names for stack rules: its name, ARN, scheme and type, and its
    access logs (unreadable when its attributes are)."""
    attrs = lb["Attributes"]
    props = lb_props(lb) if readable(attrs) else {"loadBalancerType": lb.get("Type"), "accessLogs": UNREADABLE}
    return {**props, "name": lb["LoadBalancerName"], "arn": lb["LoadBalancerArn"],
            "internal": lb.get("Scheme") == "internal"}


# drift of load balancers stays in drift.py (TRACKED); this declares the kind for stack rules
reader(
    t.LOAD_BALANCER, "elbv2", "load_balancers", "load balancer",
    name=lambda lb: lb["LoadBalancerName"],
    ids=lambda lb: (lb["LoadBalancerArn"], lb["LoadBalancerName"]),
    props=view_props,
    aliases=(t.ALB_LOAD_BALANCER,),
)
