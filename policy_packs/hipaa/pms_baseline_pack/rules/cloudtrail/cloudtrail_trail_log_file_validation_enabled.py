"""CloudTrail trails sign their log files, so tampering with delivered logs is detectable."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="cloudtrail-trail-log-file-validation-enabled",
    title="CloudTrail trails have log file validation enabled",
    severity="high",
    citations=("164.312(c)(1)", "164.312(b)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or set enable_log_file_validation=True.",
    aws_config_rules=("cloud-trail-log-file-validation-enabled",),
    checkov_ids=("CKV_AWS_36",),
)
def check(props, config):
    """enableLogFileValidation is true."""
    value = props.get("enableLogFileValidation")
    if is_opaque(value) or value is True:
        return []
    return [
        f"enableLogFileValidation is {shown(value)}; use AuditTrail or set enable_log_file_validation=True "
        "so tampering with delivered log files is detectable (164.312(c)(1))"
    ]
