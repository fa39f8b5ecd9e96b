"""HTTPS listeners serve a certificate from ACM, which AWS renews."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.elb import protocol
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="elb-listener-acm-certificate",
    title="HTTPS listeners use an ACM certificate",
    severity="medium",
    citations=("164.312(e)(1)", "164.312(d)"),
    resource_types=t.LB_LISTENERS,
    remediation="Use the Edge component with pms-baseline:certificateArn set to an ACM certificate ARN.",
    aws_config_rules=("elbv2-acm-certificate-required",),
)
def check(props, config):
    """An HTTPS or TLS listener's certificateArn is an ACM certificate ARN."""
    if protocol(props) not in ("HTTPS", "TLS"):
        return []
    arn = props.get("certificateArn")
    if is_opaque(arn) or (isinstance(arn, str) and arn.startswith("arn:") and ":acm:" in arn):
        return []
    return [
        f"certificateArn is {shown(arn)}, not an ACM certificate; use the Edge component with an ACM "
        "certificate ARN so the certificate is renewed before it expires (164.312(e)(1))"
    ]
