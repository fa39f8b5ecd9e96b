"""Elastic Load Balancing: load balancers, target groups and listeners (with a stand-in certificate)."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(*t.LOAD_BALANCERS)
def _load_balancer(c: Context, r: Resource, p: dict[str, Any]):
    elb = c.client("elbv2")
    lb = elb.create_load_balancer(
        **kw(
            Name=p.get("name") or r.name[:32],
            Subnets=p.get("subnets"),
            SecurityGroups=p.get("securityGroups"),
            Scheme="internal" if p.get("internal") else "internet-facing",
            Type=p.get("loadBalancerType", "application"),
            Tags=tag_list(p) or None,
        )
    )["LoadBalancers"][0]
    logs = p.get("accessLogs") if isinstance(p.get("accessLogs"), dict) else {}
    # https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html
    attrs = [
        {"Key": k, "Value": str(v).lower() if isinstance(v, bool) else str(v)}
        for k, v in (
            ("deletion_protection.enabled", p.get("enableDeletionProtection")),
            ("routing.http.drop_invalid_header_fields.enabled", p.get("dropInvalidHeaderFields")),
            ("access_logs.s3.enabled", logs.get("enabled")),
            ("access_logs.s3.bucket", logs.get("bucket")),
            ("access_logs.s3.prefix", logs.get("prefix")),
        )
        if present(v)
    ]
    if attrs:
        elb.modify_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"], Attributes=attrs)
    return lb["LoadBalancerArn"], {"arn": lb["LoadBalancerArn"], "dnsName": lb["DNSName"]}


@handles(t.LB_TARGET_GROUP)
def _target_group(c: Context, r: Resource, p: dict[str, Any]):
    tg = c.client("elbv2").create_target_group(
        **kw(
            Name=p.get("name") or r.name[:32],
            Protocol=p.get("protocol"),
            Port=p.get("port"),
            VpcId=p.get("vpcId"),
            TargetType=p.get("targetType"),
        )
    )["TargetGroups"][0]
    return tg["TargetGroupArn"], {"arn": tg["TargetGroupArn"]}


@handles(*t.LB_LISTENERS)
def _listener(c: Context, r: Resource, p: dict[str, Any]):
    actions = []
    for a in p.get("defaultActions") or []:
        action: dict[str, Any] = {"Type": a["type"]}
        if present(a.get("targetGroupArn")):
            action["TargetGroupArn"] = a["targetGroupArn"]
        if a.get("redirect"):
            red = a["redirect"]
            action["RedirectConfig"] = kw(
                Protocol=red.get("protocol"),
                Port=str(red.get("port", "")) or None,
                StatusCode=red.get("statusCode", "HTTP_301"),
            )
        if a.get("fixedResponse"):
            fr = a["fixedResponse"]
            action["FixedResponseConfig"] = kw(
                StatusCode=str(fr.get("statusCode", "404")), ContentType=fr.get("contentType")
            )
        actions.append(action)
    cert = p.get("certificateArn")
    if present(cert) and cert not in c.ids.values():
        # The stack names a certificate issued in the real account; the emulated account gets a stand-in.
        stand_in = c.client("acm").request_certificate(DomainName="pms.emulated.example")["CertificateArn"]
        c.ids[cert] = stand_in
        p = {**p, "certificateArn": stand_in}
    ls = c.client("elbv2").create_listener(
        **kw(
            LoadBalancerArn=p["loadBalancerArn"],
            Protocol=p.get("protocol"),
            Port=p.get("port"),
            SslPolicy=p.get("sslPolicy"),
            Certificates=[{"CertificateArn": p["certificateArn"]}]
            if present(p.get("certificateArn"))
            else None,
            DefaultActions=actions,
        )
    )["Listeners"][0]
    return ls["ListenerArn"], {"arn": ls["ListenerArn"]}
