"""The stack declares an AWS Config recorder that is recording, and a delivery channel."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, shown


def _name(resource):
    name = resource.props.get("name")
    return name if isinstance(name, str) and name and not is_opaque(name) else resource.name


@stack_rule(
    id="config-recorder-enabled",
    # Account scope: AWS Config keeps one recorder and one delivery channel per account and Region, recording
    # every stack's resources.
    scope="account",
    title="An AWS Config recorder is recording, with a delivery channel",
    severity="high",
    citations=("164.308(a)(1)(ii)(D)", "164.312(b)"),
    resource_types=(t.CONFIG_RECORDER, t.CONFIG_RECORDER_STATUS, t.CONFIG_DELIVERY_CHANNEL),
    remediation="Use the Monitoring component, or declare a Config Recorder, a DeliveryChannel and a "
    "RecorderStatus with is_enabled=True.",
    checkov_ids=("CKV2_AWS_45",),
)
def check(resources, config):
    """A recorder and a delivery channel exist; each recorder's RecorderStatus has isEnabled true."""
    recorders = of_type(resources, t.CONFIG_RECORDER)
    statuses = of_type(resources, t.CONFIG_RECORDER_STATUS)
    found = []
    if not recorders:
        found.append(
            Violation(
                "the stack declares no AWS Config configuration recorder, so drift between deploys goes "
                "unrecorded; use the Monitoring component (164.308(a)(1)(ii)(D))"
            )
        )
    if not of_type(resources, t.CONFIG_DELIVERY_CHANNEL):
        found.append(
            Violation(
                "the stack declares no AWS Config delivery channel, so the recorder cannot deliver; use the "
                "Monitoring component or declare a DeliveryChannel (164.308(a)(1)(ii)(D))"
            )
        )
    for recorder in recorders:
        name = _name(recorder)
        mine = [
            s
            for s in statuses
            if s.props.get("name") == name or is_opaque(s.props.get("name")) or len(recorders) == 1
        ]
        if not mine:
            found.append(
                Violation(
                    f"configuration recorder {name} has no RecorderStatus, so it never starts; declare one "
                    "with is_enabled=True (164.308(a)(1)(ii)(D))",
                    recorder.urn,
                )
            )
            continue
        for status in mine:
            value = status.props.get("isEnabled")
            if not (is_opaque(value) or value is True):
                found.append(
                    Violation(
                        f"configuration recorder {name} status isEnabled is {shown(value)}; set "
                        "is_enabled=True (164.308(a)(1)(ii)(D))",
                        status.urn,
                    )
                )
    return found
