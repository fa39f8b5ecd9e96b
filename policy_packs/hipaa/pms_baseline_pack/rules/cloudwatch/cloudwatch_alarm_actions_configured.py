"""CloudWatch alarms notify someone: they have alarm actions and actions are enabled."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule


@resource_rule(
    id="cloudwatch-alarm-actions-configured",
    title="CloudWatch alarms have enabled alarm actions",
    severity="medium",
    citations=("164.308(a)(6)(ii)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.METRIC_ALARM,),
    remediation="Use the Monitoring component, or set alarm_actions to the alarm topic's ARN and leave "
    "actions_enabled at True.",
    aws_config_rules=("cloudwatch-alarm-action-check",),
    checkov_ids=("CKV_AWS_319",),
    config={
        "insufficientDataActionRequired": ConfigParam(
            "boolean",
            False,
            "Also require an INSUFFICIENT_DATA action (AWS Config's cloudwatch-alarm-action-check requires one by "
            "default).",
        ),
        "okActionRequired": ConfigParam("boolean", False, "Also require an OK action."),
    },
)
def check(props, config):
    """alarmActions is not empty and actionsEnabled is not false; insufficientDataActions and okActions are not
    empty where the config requires them."""
    found = []
    if props.get("actionsEnabled") is False:
        found.append(
            "actionsEnabled is false, so the alarm notifies no one; set actions_enabled=True "
            "(164.308(a)(6)(ii))"
        )
    actions = props.get("alarmActions")
    if not is_opaque(actions) and not [a for a in (actions or []) if a]:
        found.append(
            "alarmActions is unset, so the alarm notifies no one; use Monitoring or set alarm_actions to "
            "the alarm topic's ARN (164.308(a)(6)(ii))"
        )
    for param, prop, arg, state in (
        ("insufficientDataActionRequired", "insufficientDataActions", "insufficient_data_actions",
         "INSUFFICIENT_DATA"),
        ("okActionRequired", "okActions", "ok_actions", "OK"),
    ):
        value = props.get(prop)
        if config[param] and not is_opaque(value) and not [a for a in (value or []) if a]:
            found.append(
                f"{prop} is unset, so no one hears when the alarm goes to {state}; use Monitoring or set {arg} "
                "to the alarm topic's ARN (164.308(a)(6)(ii))"
            )
    return found
