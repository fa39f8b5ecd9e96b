"""CloudTrail trails deliver events to CloudWatch Logs, where the monitoring alarms watch them."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="cloudtrail-trail-cloudwatch-logs-delivered",
    title="CloudTrail trails deliver events to a CloudWatch log group",
    severity="high",
    citations=("164.308(a)(1)(ii)(D)", "164.312(b)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or set cloud_watch_logs_group_arn (ending in :*) and "
    "cloud_watch_logs_role_arn to a role CloudTrail may assume to write to it.",
    aws_config_rules=("cloud-trail-cloud-watch-logs-enabled",),
    checkov_ids=("CKV2_AWS_10",),
)
def check(props, config):
    """cloudWatchLogsGroupArn and cloudWatchLogsRoleArn are both set."""
    found = []
    for prop, arg in (
        ("cloudWatchLogsGroupArn", "cloud_watch_logs_group_arn"),
        ("cloudWatchLogsRoleArn", "cloud_watch_logs_role_arn"),
    ):
        value = props.get(prop)
        if is_opaque(value) or (isinstance(value, str) and value.strip()):
            continue
        found.append(
            f"{prop} is {shown(value)}, so no alarm can watch the trail's events; use AuditTrail or set "
            f"{arg} (164.308(a)(1)(ii)(D))"
        )
    return found
