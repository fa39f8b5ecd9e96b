"""Customer-managed KMS keys wait long enough before deletion that a mistaken deletion can be cancelled."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import integer, shown

AWS_DEFAULT_DAYS = 30


@resource_rule(
    id="kms-key-deletion-window-minimum",
    title="KMS keys have a deletion window of at least the configured minimum",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"),
    resource_types=(t.KMS_KEY,),
    remediation="Use the Keyring component, or set deletion_window_in_days=30 on the key.",
    config={
        "minimumDays": ConfigParam(
            "integer",
            30,
            "Fewest days a scheduled key deletion may take (AWS allows 7 to 30).",
            minimum=7,
        )
    },
)
def check(props, config):
    """The deletion window (AWS default 30 days when unset) meets the minimum."""
    days = props.get("deletionWindowInDays")
    if is_opaque(days):
        return []
    minimum = config["minimumDays"]
    effective = AWS_DEFAULT_DAYS if days is None else integer(days)
    if effective is not None and effective >= minimum:
        return []
    label = (
        shown(integer(days) if integer(days) is not None else days)
        if days is not None
        else f"unset (AWS default {AWS_DEFAULT_DAYS})"
    )
    return [
        f"deletionWindowInDays is {label}, below the minimum of {minimum}; a key deleted by mistake "
        "destroys every record it encrypts, so use Keyring or set deletion_window_in_days=30 "
        "(164.312(a)(2)(iv))"
    ]
