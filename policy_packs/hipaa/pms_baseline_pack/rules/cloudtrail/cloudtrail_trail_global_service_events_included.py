"""CloudTrail trails record global services (IAM, STS, CloudFront), where account changes happen."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="cloudtrail-trail-global-service-events-included",
    title="CloudTrail trails include global service events",
    severity="high",
    citations=("164.312(b)",),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or leave include_global_service_events at True.",
)
def check(props, config):
    """includeGlobalServiceEvents is not false (AWS defaults it to true)."""
    if props.get("includeGlobalServiceEvents") is False:
        return [
            "includeGlobalServiceEvents is false, so IAM and STS activity goes unrecorded; use AuditTrail "
            "or set include_global_service_events=True (164.312(b))"
        ]
    return []
