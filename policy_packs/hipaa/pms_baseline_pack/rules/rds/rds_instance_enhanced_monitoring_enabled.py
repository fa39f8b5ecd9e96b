"""RDS instances publish OS-level metrics (Enhanced Monitoring)."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import integer, shown


@resource_rule(
    id="rds-instance-enhanced-monitoring-enabled",
    title="RDS instances have Enhanced Monitoring",
    severity="low",
    citations=("164.308(a)(1)(ii)(D)",),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set monitoring_interval (seconds) and "
    "monitoring_role_arn.",
    aws_config_rules=("rds-enhanced-monitoring-enabled",),
    checkov_ids=("CKV_AWS_118",),
    config={
        "maximumIntervalSeconds": ConfigParam(
            "integer",
            60,
            "Longest Enhanced Monitoring interval accepted (AWS allows 1, 5, 10, 15, 30 or 60).",
            minimum=1,
            maximum=60,
        )
    },
)
def check(props, config):
    """monitoringInterval is set and no longer than the maximum."""
    raw = props.get("monitoringInterval")
    if is_opaque(raw):
        return []
    value = integer(raw)
    maximum = config["maximumIntervalSeconds"]
    if value is not None and 0 < value <= maximum:
        return []
    return [
        f"monitoringInterval is {shown(raw if value is None else value)}; use PhiDatabase or set "
        f"monitoring_interval to at most {maximum} seconds with a monitoring role (164.308(a)(1)(ii)(D))"
    ]
