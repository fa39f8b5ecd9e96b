"""CloudTrail trails record S3 object-level (data) events, so every read of a PHI object is logged."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.cloudtrail import records_s3_data_events


@resource_rule(
    id="cloudtrail-trail-s3-data-events-recorded",
    title="CloudTrail trails record S3 data events",
    severity="medium",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component (it records data events for the PHI buckets), or add an "
    "event selector data_resource of type AWS::S3::Object with the buckets' ARNs. Set this policy's "
    "enforcement to advisory if data events are recorded by another trail.",
    aws_config_rules=("cloudtrail-s3-dataevents-enabled",),
)
def check(props, config):
    """An event selector or advanced event selector records AWS::S3::Object data events."""
    if records_s3_data_events(props) is not False:
        return []
    return [
        "the event selectors record no S3 data events (AWS::S3::Object), so reads of PHI objects go "
        "unrecorded; use AuditTrail or add a data_resource of type AWS::S3::Object (164.312(b))"
    ]
