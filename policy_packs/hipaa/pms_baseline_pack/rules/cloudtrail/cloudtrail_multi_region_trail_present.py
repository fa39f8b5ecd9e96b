"""The stack declares a CloudTrail trail that records every region."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.cloudtrail import trail_name
from pms_baseline_pack.rules.props import of_type, shown


@stack_rule(
    id="cloudtrail-multi-region-trail-present",
    # Account scope: one multi-region trail records every Region of the account, whichever stack declares it.
    scope="account",
    title="A multi-region CloudTrail trail exists in the stack",
    severity="critical",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or declare a trail with is_multi_region_trail=True.",
    aws_config_rules=("multi-region-cloudtrail-enabled", "cloudtrail-enabled"),
    checkov_ids=("CKV_AWS_67",),
)
def check(resources, config):
    """At least one trail has isMultiRegionTrail true."""
    trails = of_type(resources, t.CLOUDTRAIL)
    if not trails:
        return [
            Violation(
                "the stack declares no CloudTrail trail, so API activity goes unrecorded; use the "
                "AuditTrail component, which records every region (164.312(b))"
            )
        ]
    values = [trail.props.get("isMultiRegionTrail") for trail in trails]
    if any(v is True or is_opaque(v) for v in values):
        return []
    return [
        Violation(
            f"trail {trail_name(trail)} has isMultiRegionTrail {shown(value)} and no trail in the stack "
            "covers every region; use AuditTrail or set is_multi_region_trail=True (164.312(b))",
            trail.urn,
        )
        for trail, value in zip(trails, values, strict=True)
    ]
