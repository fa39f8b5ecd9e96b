"""AWS Backup plans back up at least daily and keep every recovery point for at least the minimum."""

from __future__ import annotations

import re

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import block, blocks, integer

_RATE = re.compile(r"^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$")
_CRON = re.compile(r"^cron\((.+)\)$")
_UNIT_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24}
AWS_DEFAULT_SCHEDULE = "cron(0 5 ? * * *)"


def interval_hours(expression: str) -> float | None:
    """Longest gap in hours between runs of a schedule expression; None when it is not understood."""
    expression = expression.strip()
    rate = _RATE.match(expression)
    if rate:
        return int(rate.group(1)) * _UNIT_HOURS[rate.group(2).rstrip("s")]
    cron = _CRON.match(expression)
    if not cron:
        return None
    fields = cron.group(1).split()
    if len(fields) != 6:
        return None
    _minute, hour, day_of_month, month, day_of_week, _year = fields
    if month != "*" or day_of_week not in ("*", "?"):
        return 24 * 7 if month == "*" else 24 * 365
    if day_of_month not in ("*", "?"):
        return 24 * 31
    if hour == "*":
        return 1
    step = re.match(r"^(\*|\d+)/(\d+)$", hour)
    if step:
        return int(step.group(2))
    return 24


@resource_rule(
    id="backup-plan-frequency-and-retention-minimum",
    title="Backup plans run at least daily and keep recovery points for at least the minimum",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"),
    resource_types=(t.BACKUP_PLAN,),
    remediation=(
        "Use the BackupVault component (a daily rule kept pms-baseline:backupRetentionDays and a monthly "
        "rule kept backupMonthlyRetentionDays), or give the plan a daily rule and delete_after of at least "
        "the minimum."
    ),
    aws_config_rules=("backup-plan-min-frequency-and-min-retention-check",),
    config={
        "minimumRetentionDays": ConfigParam(
            "integer",
            7,
            "Fewest days any backup rule or copy keeps a recovery point.",
            # The lowest backupRetentionDays floor of any environment in infra/config.py.
            minimum=7,
        ),
        "maximumIntervalHours": ConfigParam(
            "integer",
            24,
            "Longest gap between backups allowed for the plan's most frequent rule.",
            minimum=1,
            # 164.308(a)(7)(ii)(A): at least a daily backup, the baseline's DAILY_SCHEDULE.
            maximum=24,
        ),
    },
)
def check(props, config):
    """A rule runs at least every maximumIntervalHours; no rule or copy deletes before the minimum."""
    rules = [r for r in blocks(props.get("rules")) if isinstance(r, dict)]
    if is_opaque(props.get("rules")):
        return []
    minimum, max_hours = config["minimumRetentionDays"], config["maximumIntervalHours"]
    found = []
    intervals = []
    for rule in rules:
        name = rule.get("ruleName") or "(unnamed)"
        schedule = rule.get("schedule")
        if is_opaque(schedule):
            intervals.append(0)
        else:
            hours = interval_hours(
                schedule if isinstance(schedule, str) and schedule else AWS_DEFAULT_SCHEDULE
            )
            intervals.append(hours if hours is not None else float("inf"))
        lifecycles = [("", block(rule.get("lifecycle")))]
        for copy in blocks(rule.get("copyActions")):
            if isinstance(copy, dict):
                lifecycles.append((" copy", block(copy.get("lifecycle"))))
        for where, lifecycle in lifecycles:
            raw = lifecycle.get("deleteAfter") if isinstance(lifecycle, dict) else None
            days = integer(raw)
            if days is not None and days < minimum:
                found.append(
                    f"rule {name}{where} lifecycle deleteAfter is {days}, below the minimum of {minimum} "
                    f"days; set delete_after={minimum} or more (164.308(a)(7)(ii)(A))"
                )
    if not rules:
        found.append(
            f"rules is unset; add a rule that runs at least every {max_hours} hours (164.308(a)(7)(ii)(A))"
        )
    elif min(intervals) > max_hours:
        schedules = ", ".join(str(r.get("schedule") or AWS_DEFAULT_SCHEDULE) for r in rules)
        found.append(
            f"schedule is {schedules}, none running at least every {max_hours} hours; add a daily rule such "
            "as cron(0 5 ? * * *) (164.308(a)(7)(ii)(A))"
        )
    return found
