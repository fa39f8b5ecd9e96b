"""CloudTrail trails are logging: a declared trail that is switched off records nothing."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="cloudtrail-trail-logging-enabled",
    title="CloudTrail trails are logging",
    severity="critical",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or leave enable_logging at True; audit logging is never "
    "turned off for performance.",
    aws_config_rules=("cloudtrail-enabled",),
    checkov_ids=("CKV_AWS_251",),
)
def check(props, config):
    """enableLogging is not false (AWS defaults it to true)."""
    if props.get("enableLogging") is False:
        return [
            "enableLogging is false, so the trail records nothing; use AuditTrail or set "
            "enable_logging=True (164.312(b))"
        ]
    return []
