"""The stack declares an enabled GuardDuty detector."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type


@stack_rule(
    id="guardduty-detector-enabled",
    # Account scope: GuardDuty keeps one detector per account and Region, watching every stack's resources.
    scope="account",
    title="A GuardDuty detector exists and is enabled",
    severity="high",
    citations=("164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(B)"),
    resource_types=(t.GUARDDUTY_DETECTOR,),
    remediation="Use the Monitoring component, or declare a GuardDuty Detector with enable=True.",
    aws_config_rules=("guardduty-enabled-centralized",),
    checkov_ids=("CKV_AWS_238", "CKV2_AWS_3"),
)
def check(resources, config):
    """At least one detector exists, and none has enable false."""
    detectors = of_type(resources, t.GUARDDUTY_DETECTOR)
    if not detectors:
        return [
            Violation(
                "the stack declares no GuardDuty detector, so threats go undetected; use the Monitoring "
                "component or declare a Detector with enable=True (164.308(a)(1)(ii)(D))"
            )
        ]
    return [
        Violation(
            f"GuardDuty detector {d.name} has enable false; set enable=True (164.308(a)(1)(ii)(D))", d.urn
        )
        for d in detectors
        if d.props.get("enable") is False
    ]
