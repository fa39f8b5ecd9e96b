"""CloudWatch Logs log groups keep events for at least the configured floor (or forever)."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, environment_list, resource_rule
from pms_baseline_pack.rules.props import environment, integer, shown


@resource_rule(
    id="logs-log-group-retention-minimum",
    title="CloudWatch log groups keep logs for at least the retention floor",
    severity="high",
    citations=("164.312(b)", "164.316(b)(2)(i)"),
    resource_types=(t.LOG_GROUP,),
    remediation="Set retention_in_days to at least the floor (pms-baseline:logRetentionDays and "
    "flowLogRetentionDays: 365 in prod), or leave it unset to keep logs forever.",
    checkov_ids=("CKV_AWS_338",),
    config={
        "minimumDays": ConfigParam(
            "integer",
            365,
            "Fewest days a production log group keeps events (0 or unset = forever passes).",
            # infra/config.py's prod floor of logRetentionDays and flowLogRetentionDays (164.312(b)).
            minimum=365,
        ),
        "nonProductionMinimumDays": ConfigParam(
            "integer",
            30,
            "Fewest days for log groups tagged with a non-production environment.",
            # The lowest floor of any non-production environment in infra/config.py (test).
            minimum=30,
        ),
        "nonProductionEnvironments": environment_list(
            ["staging", "test"],
            "Values of the 'environment' tag that get the non-production floor.",
        ),
    },
)
def check(props, config):
    """retentionInDays is 0/unset (never expire) or at least the floor for the group's environment tag."""
    raw = props.get("retentionInDays")
    if is_opaque(raw):
        return []
    days = integer(raw)
    if raw is None or days == 0:
        return []
    env = environment(props)
    non_prod = bool(env) and env in set(config["nonProductionEnvironments"])
    minimum = config["nonProductionMinimumDays"] if non_prod else config["minimumDays"]
    if days is not None and days >= minimum:
        return []
    scope = f"the {env} floor" if non_prod else "the floor"
    return [
        f"retentionInDays is {shown(raw if days is None else days)}, below {scope} of {minimum}; set "
        f"retention_in_days={minimum} or more (164.312(b))"
    ]
