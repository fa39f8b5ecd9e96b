"""Classic Load Balancer listeners accept only HTTPS or SSL.

AWS Config elb-tls-https-listeners-only: NON_COMPLIANT when a listener is not configured with SSL or HTTPS;
NOT_APPLICABLE without listeners.
https://docs.aws.amazon.com/config/latest/developerguide/elb-tls-https-listeners-only.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.elb_classic import SECURE_PROTOCOLS, lb_protocol, listeners
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="classic-elb-listeners-tls-only",
    title="Classic Load Balancer listeners use HTTPS or SSL",
    severity="critical",
    citations=("164.312(e)(1)", "164.312(e)(2)(ii)"),
    resource_types=(t.CLASSIC_LOAD_BALANCER,),
    remediation="Give every listener lb_protocol \"HTTPS\" or \"SSL\" with an ACM ssl_certificate_id (or move to "
    "an Application Load Balancer and the Edge component).",
    aws_config_rules=("elb-tls-https-listeners-only",),
    checkov_ids=("CKV_AWS_127",),
)
def check(props, config):
    """Every listener's lbProtocol is HTTPS or SSL."""
    found = []
    for listener in listeners(props):
        proto = lb_protocol(listener)
        if is_opaque(proto) or proto in SECURE_PROTOCOLS:
            continue
        found.append(f"listener on port {shown(listener.get('lbPort'))} has lbProtocol {shown(proto)}; use HTTPS "
                     "or SSL with an ACM certificate so PHI is encrypted in transit (164.312(e)(1))")
    return found
