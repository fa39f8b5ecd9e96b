"""Load balancer listeners speak TLS 1.2+ or only redirect HTTP to HTTPS."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule, starting_with
from pms_baseline_pack.rules.elb import TLS12_POLICY_PREFIXES, protocol
from pms_baseline_pack.rules.props import block, blocks, shown

_CITATION = "164.312(e)(1)"


@resource_rule(
    id="elb-listener-tls-only",
    title="Load balancer listeners use TLS 1.2+ or redirect HTTP to HTTPS",
    severity="critical",
    citations=(_CITATION, "164.312(e)(2)(ii)"),
    resource_types=t.LB_LISTENERS,
    remediation="Use the Edge component, or give HTTPS listeners "
    "ssl_policy=ELBSecurityPolicy-TLS13-1-2-2021-06 (any ELBSecurityPolicy-TLS13-*, "
    "ELBSecurityPolicy-TLS-1-2-* or ELBSecurityPolicy-FS-1-2-* policy passes) and HTTP listeners a single "
    "default action that redirects to HTTPS.",
    aws_config_rules=("alb-http-to-https-redirection-check",),
    checkov_ids=("CKV_AWS_2", "CKV2_AWS_20"),
    config={
        "allowedPolicyPrefixes": ConfigParam(
            "array",
            list(TLS12_POLICY_PREFIXES),
            "Security policy name prefixes accepted on HTTPS/TLS listeners (TLS 1.2 or later only); each "
            "narrows one of the defaults.",
            items="string",
            item_form=starting_with(TLS12_POLICY_PREFIXES),
        )
    },
)
def check(props, config):
    """HTTPS/TLS listeners name an allowed policy; HTTP listeners only redirect to HTTPS; nothing else."""
    proto = protocol(props)
    if is_opaque(proto):
        return []
    if proto in ("HTTPS", "TLS"):
        policy = props.get("sslPolicy")
        if is_opaque(policy) or (
            isinstance(policy, str) and policy.startswith(tuple(config["allowedPolicyPrefixes"]))
        ):
            return []
        return [
            f"sslPolicy is {shown(policy)}, which allows TLS before 1.2; use the Edge component or set "
            f"ssl_policy=ELBSecurityPolicy-TLS13-1-2-2021-06 ({_CITATION})"
        ]
    if proto != "HTTP":
        return [
            f"protocol is {proto}, which carries traffic unencrypted; use HTTPS with a TLS 1.2+ policy "
            f"({_CITATION})"
        ]
    actions = props.get("defaultActions")
    if is_opaque(actions):
        return []
    found = []
    for action in blocks(actions) or [{}]:
        kind = action.get("type") if isinstance(action, dict) else None
        redirect = block(action.get("redirect")) if isinstance(action, dict) else None
        target = redirect.get("protocol") if isinstance(redirect, dict) else None
        if is_opaque(kind) or is_opaque(target) or (kind == "redirect" and str(target).upper() == "HTTPS"):
            continue
        what = f"redirect to {shown(target)}" if kind == "redirect" else shown(kind)
        found.append(
            f"protocol is HTTP and a default action is {what}, not a redirect to HTTPS; use the Edge "
            "component or make the HTTP listener's only default action a redirect with protocol=HTTPS "
            f"({_CITATION})"
        )
    return found
