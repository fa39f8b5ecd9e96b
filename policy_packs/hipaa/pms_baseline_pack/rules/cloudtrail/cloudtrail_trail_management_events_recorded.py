"""CloudTrail trails record management events, both read and write."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.cloudtrail import management_coverage


@resource_rule(
    id="cloudtrail-trail-management-events-recorded",
    title="CloudTrail trails record read and write management events",
    severity="high",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or give the trail an event selector with "
    "include_management_events=True and read_write_type=All.",
)
def check(props, config):
    """The event selectors (or AWS's default when there are none) record ReadOnly and WriteOnly events."""
    found = management_coverage(props)
    if found is None or found == {"ReadOnly", "WriteOnly"}:
        return []
    recorded = "no management events" if not found else f"only {next(iter(found))} management events"
    return [
        f"the event selectors record {recorded}; use AuditTrail or set include_management_events=True with "
        "read_write_type=All (164.312(b))"
    ]
