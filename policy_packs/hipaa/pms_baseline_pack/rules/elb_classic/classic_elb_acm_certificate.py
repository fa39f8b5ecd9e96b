"""Classic Load Balancer HTTPS/SSL listeners serve a certificate from ACM.

AWS Config elb-acm-certificate-required: NON_COMPLIANT when a Classic Load Balancer's SSL or HTTPS listener does not
use a certificate provided by AWS Certificate Manager (an IAM server certificate, say).
https://docs.aws.amazon.com/config/latest/developerguide/elb-acm-certificate-required.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.elb_classic import SECURE_PROTOCOLS, lb_protocol, listeners
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="classic-elb-acm-certificate",
    title="Classic Load Balancer HTTPS/SSL listeners use an ACM certificate",
    severity="medium",
    citations=("164.312(e)(1)", "164.312(d)"),
    resource_types=(t.CLASSIC_LOAD_BALANCER,),
    remediation="Set each HTTPS/SSL listener's ssl_certificate_id to an ACM certificate ARN (arn:aws:acm:...).",
    aws_config_rules=("elb-acm-certificate-required",),
    checkov_ids=("CKV_AWS_127",),
)
def check(props, config):
    """Each HTTPS/SSL listener's sslCertificateId is an ACM certificate ARN."""
    found = []
    for listener in listeners(props):
        if lb_protocol(listener) not in SECURE_PROTOCOLS:
            continue
        arn = listener.get("sslCertificateId")
        if is_opaque(arn) or (isinstance(arn, str) and arn.startswith("arn:") and ":acm:" in arn):
            continue
        found.append(f"listener on port {shown(listener.get('lbPort'))} has sslCertificateId {shown(arn)}, not an "
                     "ACM certificate; use an ACM certificate ARN so it is renewed before it expires "
                     "(164.312(e)(1))")
    return found
