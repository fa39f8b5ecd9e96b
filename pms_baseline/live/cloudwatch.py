"""CloudWatch: on the log group each trail delivers to, a metric filter for every CIS pattern, an alarm on its
metric, and an action on the alarm (the pack's ``cloudwatch-cis-alarms-present``, over the live descriptions); and
every metric alarm read live under ``cloudwatch-alarm-actions-configured`` (the alarm has actions, and they are
enabled), with drift of ``actionsEnabled``.

https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html (MetricAlarms:
AlarmActions, OKActions, InsufficientDataActions, ActionsEnabled)
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import Account, Inventory, check, collector, judge_stack, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource

RULE = "cloudwatch-cis-alarms-present"


@collector("cloudwatch")
def collect(live, inv: Inventory) -> None:
    logs = live.client("logs", inv.region)
    cw = live.client("cloudwatch", inv.region)
    filters = inv.read(lambda: list(live.pages(logs, "describe_metric_filters", "metricFilters")))
    alarms = inv.read(lambda: list(live.pages(cw, "describe_alarms", "MetricAlarms")))
    inv.complete = readable(filters, alarms)
    inv.items["metric_filters"] = filters if readable(filters) else []
    inv.items["alarms"] = alarms if readable(alarms) else []


def views(trail: dict, inv: Inventory) -> list[StackResource]:
    """The trail, the region's metric filters and alarms, as the stack rule reads them."""
    out = [
        StackResource(urn="", type=t.CLOUDTRAIL, name=trail["Name"],
                      props={"cloudWatchLogsGroupArn": trail.get("CloudWatchLogsLogGroupArn")})
    ]
    for f in inv.items.get("metric_filters", []):
        out.append(StackResource(urn="", type=t.LOG_METRIC_FILTER, name=f["filterName"], props={
            "logGroupName": f.get("logGroupName"),
            "pattern": f.get("filterPattern"),
            "metricTransformation": [
                {"name": m.get("metricName"), "namespace": m.get("metricNamespace")}
                for m in f.get("metricTransformations") or []
            ][:1],
        }))
    for a in inv.items.get("alarms", []):
        out.append(StackResource(urn="", type=t.METRIC_ALARM, name=a["AlarmName"], props={
            "metricName": a.get("MetricName"),
            "namespace": a.get("Namespace"),
            "alarmActions": list(a.get("AlarmActions") or []),
            "actionsEnabled": a.get("ActionsEnabled", True),
        }))
    return out


@check(RULE, "cloudwatch")
def cis_alarms(acct: Account):
    """Per trail that delivers to CloudWatch Logs, in its log group's region (a trail that delivers nowhere is
    ``cloudtrail-trail-cloudwatch-logs-delivered``'s finding)."""
    for ct in acct.each("cloudtrail"):
        for trail in ct.items.get("trails", []):
            arn = trail.get("CloudWatchLogsLogGroupArn") or ""
            parts = arn.split(":")
            if len(parts) < 7:
                continue
            inv = acct.inventories.get(("cloudwatch", parts[3]))
            if inv is None or not inv.complete:
                continue
            for msg in judge_stack(RULE, views(trail, inv), acct.live.rule_config(RULE)):
                yield acct.live.finding(
                    RULE, t.CLOUDTRAIL, trail["Name"], trail["TrailARN"], f"trail {trail['Name']}: {msg}", inv.region
                )


def alarm_props(a: dict) -> dict:
    """A metric alarm in the engine's property names (aws:cloudwatch/metricAlarm:MetricAlarm)."""
    return {
        "name": a.get("AlarmName"),
        "arn": a.get("AlarmArn"),
        "metricName": a.get("MetricName"),
        "namespace": a.get("Namespace"),
        "actionsEnabled": a.get("ActionsEnabled", True),
        "alarmActions": list(a.get("AlarmActions") or []),
        "okActions": list(a.get("OKActions") or []),
        "insufficientDataActions": list(a.get("InsufficientDataActions") or []),
    }


reader(
    t.METRIC_ALARM, "cloudwatch", "alarms", "alarm",
    name=lambda a: a["AlarmName"],
    ids=lambda a: (a["AlarmName"], a.get("AlarmArn")),
    props=alarm_props,
    rules=("cloudwatch-alarm-actions-configured",),
    compare=("actionsEnabled",),
)
