"""Classic Load Balancers read live under the pre-deploy rules' ids: listeners only on HTTPS/SSL
(classic-elb-listeners-tls-only) with an ACM certificate (classic-elb-acm-certificate), cross-zone load balancing
(classic-elb-cross-zone-load-balancing-enabled), and the predefined TLS 1.2 policy on each HTTPS/SSL listener
(classic-elb-predefined-tls-policy, the pack's stack rule over the load balancers, their policies and the
policies set on each listener).

https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_DescribeLoadBalancers.html
(ListenerDescriptions: each Listener with Protocol, LoadBalancerPort, SSLCertificateId, and the PolicyNames set on
it, which is what aws:elb/listenerPolicy:ListenerPolicy declares)
https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_DescribeLoadBalancerAttributes.html
(CrossZoneLoadBalancing.Enabled)
https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_DescribeLoadBalancerPolicies.html
(with LoadBalancerName: the policies of that load balancer, PolicyTypeName and PolicyAttributeDescriptions, among
them Reference-Security-Policy for an SSL negotiation policy built on a predefined one)

A load balancer whose attributes cannot be read has crossZoneLoadBalancing unreadable (that rule skips it); one
whose policies cannot be read makes its policies unreadable, so the TLS policy stack rule is not run in the Region.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "elb"


@collector(SERVICE)
def collect(live, inv: Inventory) -> None:
    elb = live.client("elb", inv.region)
    lbs = inv.read(lambda: list(live.pages(elb, "describe_load_balancers", "LoadBalancerDescriptions")))
    if not readable(lbs):
        inv.complete = False
        return
    described, listener_policies, policies = [], [], []
    for lb in lbs:
        name = lb["LoadBalancerName"]
        attrs = inv.read(lambda n=name: live.call(
            elb, "describe_load_balancer_attributes", LoadBalancerName=n)["LoadBalancerAttributes"])
        described.append({**lb, "Attributes": attrs})
        for ld in lb.get("ListenerDescriptions") or []:
            listener_policies.append({"LoadBalancerName": name, "LoadBalancerPort": ld["Listener"]["LoadBalancerPort"],
                                      "PolicyNames": ld.get("PolicyNames") or []})
        got = inv.read(lambda n=name: live.call(
            elb, "describe_load_balancer_policies", LoadBalancerName=n)["PolicyDescriptions"])
        if not readable(got):
            policies.append(UNREADABLE)
            continue
        policies += [{**p, "LoadBalancerName": name} for p in got]
    inv.items["load_balancers"] = described
    inv.items["listener_policies"] = listener_policies
    inv.items["policies"] = policies


def lb_props(lb: dict) -> dict:
    """A Classic Load Balancer's description and attributes in the engine's property names."""
    attrs = lb["Attributes"]
    cross_zone = (attrs.get("CrossZoneLoadBalancing") or {}).get("Enabled") if readable(attrs) else UNREADABLE
    return {
        "name": lb.get("LoadBalancerName"),
        "dnsName": lb.get("DNSName"),
        "internal": lb.get("Scheme") == "internal",
        "listeners": [{
            "lbProtocol": ld["Listener"].get("Protocol"),
            "lbPort": ld["Listener"].get("LoadBalancerPort"),
            "instanceProtocol": ld["Listener"].get("InstanceProtocol"),
            "instancePort": ld["Listener"].get("InstancePort"),
            "sslCertificateId": ld["Listener"].get("SSLCertificateId"),
        } for ld in lb.get("ListenerDescriptions") or []],
        "crossZoneLoadBalancing": cross_zone,
    }


def policy_props(p: dict) -> dict:
    """A load balancer policy in the engine's property names (aws:elb/loadBalancerPolicy)."""
    return {
        "loadBalancerName": p["LoadBalancerName"],
        "policyName": p.get("PolicyName"),
        "policyTypeName": p.get("PolicyTypeName"),
        "policyAttributes": [{"name": a.get("AttributeName"), "value": a.get("AttributeValue")}
                             for a in p.get("PolicyAttributeDescriptions") or []],
    }


def listener_policy_props(lp: dict) -> dict:
    """The policies set on one listener in the engine's property names (aws:elb/listenerPolicy)."""
    return {"loadBalancerName": lp["LoadBalancerName"], "loadBalancerPort": lp["LoadBalancerPort"],
            "policyNames": list(lp["PolicyNames"])}


reader(
    t.CLASSIC_LOAD_BALANCER, SERVICE, "load_balancers", "load balancer",
    name=lambda lb: lb["LoadBalancerName"],
    ids=lambda lb: (lb["LoadBalancerName"], lb.get("DNSName")),
    props=lb_props,
    rules=("classic-elb-listeners-tls-only", "classic-elb-acm-certificate",
           "classic-elb-cross-zone-load-balancing-enabled"),
    compare=("crossZoneLoadBalancing", "internal"),
)
reader(
    t.CLASSIC_LB_POLICY, SERVICE, "policies", "load balancer policy",
    name=lambda p: f"{p['LoadBalancerName']}:{p.get('PolicyName')}",
    ids=lambda p: (f"{p['LoadBalancerName']}:{p.get('PolicyName')}",),
    props=policy_props,
)
reader(
    t.CLASSIC_LB_LISTENER_POLICY, SERVICE, "listener_policies", "listener policy",
    name=lambda lp: f"{lp['LoadBalancerName']}:{lp['LoadBalancerPort']}",
    ids=lambda lp: (f"{lp['LoadBalancerName']}:{lp['LoadBalancerPort']}",),
    props=listener_policy_props,
)
stack_rule("classic-elb-predefined-tls-policy", SERVICE,
           (t.CLASSIC_LOAD_BALANCER, t.CLASSIC_LB_POLICY, t.CLASSIC_LB_LISTENER_POLICY))
