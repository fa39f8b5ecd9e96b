"""EC2 instances and launch templates require IMDSv2 (session tokens) for the instance metadata service.

AWS Config ``ec2-imdsv2-check`` (NON_COMPLIANT when HttpTokens is optional):
https://docs.aws.amazon.com/config/latest/developerguide/ec2-imdsv2-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import block, shown


@resource_rule(
    id="ec2-instance-imdsv2-required",
    title="EC2 instances and launch templates require IMDSv2",
    severity="high",
    citations=("164.312(a)(1)",),
    resource_types=(t.EC2_INSTANCE, t.LAUNCH_TEMPLATE),
    remediation="Set metadata_options={'http_tokens': 'required'}.",
    aws_config_rules=("ec2-imdsv2-check",),
    checkov_ids=("CKV_AWS_79",),
)
def check(props, config):
    """metadataOptions.httpTokens is required."""
    options = props.get("metadataOptions")
    value = options if is_opaque(options) else (block(options) or {}).get("httpTokens")
    if is_opaque(value) or value == "required":
        return []
    return [
        f"metadataOptions.httpTokens is {shown(value)}, so the instance role's credentials answer a plain GET "
        "(IMDSv1, reachable through server-side request forgery); set metadata_options={'http_tokens': "
        "'required'} (164.312(a)(1))"
    ]
