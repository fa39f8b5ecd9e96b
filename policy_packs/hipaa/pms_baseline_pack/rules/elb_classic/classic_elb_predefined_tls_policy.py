"""Classic Load Balancer HTTPS/SSL listeners negotiate with the predefined TLS 1.2 security policy.

AWS Config elb-predefined-security-policy-ssl-check: NON_COMPLIANT when an HTTPS/SSL listener's policy is not the
predefined policy its predefinedPolicyName parameter names (ELBSecurityPolicy-TLS-1-2-2017-01 here, the only
Classic Load Balancer policy without TLS 1.0 and 1.1). A listener gets a policy through
aws:elb/listenerPolicy:ListenerPolicy naming an aws:elb/loadBalancerPolicy:LoadBalancerPolicy of type
SSLNegotiationPolicyType whose Reference-Security-Policy attribute is the predefined policy; a listener without
one negotiates with ELBSecurityPolicy-2016-08, which admits TLS 1.0.
https://docs.aws.amazon.com/config/latest/developerguide/elb-predefined-security-policy-ssl-check.html
https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.elb_classic import SECURE_PROTOCOLS, lb_protocol, listeners
from pms_baseline_pack.rules.props import as_list, blocks, integer, of_type, shown

TLS12_POLICY = "ELBSecurityPolicy-TLS-1-2-2017-01"
_CITATION = "164.312(e)(1)"


def _reference(policy) -> object:
    """The predefined policy an SSL negotiation policy references (None when it names none)."""
    for attr in blocks(policy.props.get("policyAttributes")):
        if isinstance(attr, dict) and attr.get("name") == "Reference-Security-Policy":
            return attr.get("value")
    return None


@stack_rule(
    id="classic-elb-predefined-tls-policy",
    title="Classic Load Balancer HTTPS/SSL listeners use the predefined TLS 1.2 policy",
    severity="high",
    citations=(_CITATION, "164.312(e)(2)(ii)"),
    resource_types=(t.CLASSIC_LOAD_BALANCER, t.CLASSIC_LB_POLICY, t.CLASSIC_LB_LISTENER_POLICY),
    remediation=f"Declare an aws.elb.LoadBalancerPolicy of type SSLNegotiationPolicyType with the attribute "
    f"Reference-Security-Policy={TLS12_POLICY}, and an aws.elb.ListenerPolicy that sets it on each HTTPS/SSL port.",
    aws_config_rules=("elb-predefined-security-policy-ssl-check",),
    checkov_ids=("CKV_AWS_213",),
    config={
        "predefinedPolicyName": ConfigParam(
            "string", TLS12_POLICY, "The predefined security policy HTTPS/SSL listeners must reference (AWS "
            "Config's predefinedPolicyName).", choices=(TLS12_POLICY,)),
    },
)
def check(resources, config):
    """Each HTTPS/SSL listener's listener policy names an SSL negotiation policy referencing the predefined one."""
    wanted = config["predefinedPolicyName"]
    assigned = {}
    for lp in of_type(resources, t.CLASSIC_LB_LISTENER_POLICY):
        lb, port = lp.props.get("loadBalancerName"), lp.props.get("loadBalancerPort")
        if is_opaque(lb) or is_opaque(port):
            return []
        assigned[(lb, integer(port))] = lp
    policies = {}
    for p in of_type(resources, t.CLASSIC_LB_POLICY):
        lb, name = p.props.get("loadBalancerName"), p.props.get("policyName")
        if is_opaque(lb) or is_opaque(name):
            return []
        policies[(lb, name)] = p
    found = []
    for elb in of_type(resources, t.CLASSIC_LOAD_BALANCER):
        name = elb.props.get("name")
        if is_opaque(name):
            continue
        for listener in listeners(elb.props):
            port = integer(listener.get("lbPort"))
            if lb_protocol(listener) not in SECURE_PROTOCOLS or port is None:
                continue
            lp = assigned.get((name, port))
            names = as_list(lp.props.get("policyNames")) if lp else []
            if any(is_opaque(n) for n in names):
                continue
            declared = [policies[(name, n)] for n in names if (name, n) in policies]
            ssl = [p for p in declared if p.props.get("policyTypeName") == "SSLNegotiationPolicyType"]
            if not names:
                found.append(Violation(
                    f"listener {name}:{port} has no listener policy, so it negotiates with "
                    f"ELBSecurityPolicy-2016-08 (TLS 1.0 and 1.1); set an SSL negotiation policy referencing "
                    f"{wanted} ({_CITATION})", elb.urn))
            elif not ssl:
                found.append(Violation(
                    f"listener {name}:{port} names policies {shown(names)}, none an SSL negotiation policy this "
                    f"stack declares, so its TLS policy cannot be verified; declare one referencing {wanted} "
                    f"({_CITATION})", elb.urn))
            for policy in ssl:
                ref = _reference(policy)
                if is_opaque(ref) or ref == wanted:
                    continue
                found.append(Violation(
                    f"SSL negotiation policy {policy.props.get('policyName')} of {name} references "
                    f"{shown(ref)}; set Reference-Security-Policy={wanted} ({_CITATION})", policy.urn))
    return list(dict.fromkeys(found))
