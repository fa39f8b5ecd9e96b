"""DynamoDB tables keep continuous backups (point-in-time recovery).

AWS Config ``dynamodb-pitr-enabled``: https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-pitr-enabled.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import block, shown


@resource_rule(
    id="dynamodb-table-pitr-enabled",
    title="DynamoDB tables have point-in-time recovery",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.DYNAMODB_TABLE,),
    remediation="Set point_in_time_recovery={'enabled': True} on the table.",
    aws_config_rules=("dynamodb-pitr-enabled",),
    checkov_ids=("CKV_AWS_28",),
)
def check(props, config):
    """pointInTimeRecovery.enabled is true."""
    pitr = props.get("pointInTimeRecovery")
    value = pitr if is_opaque(pitr) else (block(pitr) or {}).get("enabled")
    if is_opaque(value) or value is True:
        return []
    return [
        f"pointInTimeRecovery.enabled is {shown(value)}; set point_in_time_recovery={{'enabled': True}} so the "
        "table can be restored to any second of the last 35 days (164.308(a)(7)(ii)(A))"
    ]
