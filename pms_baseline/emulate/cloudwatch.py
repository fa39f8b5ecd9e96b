"""CloudWatch: metric alarms."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.METRIC_ALARM)
def _alarm(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    c.client("cloudwatch").put_metric_alarm(
        **kw(
            AlarmName=name,
            AlarmDescription=p.get("alarmDescription"),
            MetricName=p.get("metricName"),
            Namespace=p.get("namespace"),
            Statistic=p.get("statistic"),
            Period=int(p.get("period", 300)),
            EvaluationPeriods=int(p.get("evaluationPeriods", 1)),
            Threshold=float(p.get("threshold", 1)),
            ComparisonOperator=p.get("comparisonOperator", "GreaterThanOrEqualToThreshold"),
            AlarmActions=p.get("alarmActions"),
            OKActions=p.get("okActions"),
            InsufficientDataActions=p.get("insufficientDataActions"),
            Dimensions=[{"Name": k, "Value": str(v)} for k, v in (p.get("dimensions") or {}).items()] or None,
            Tags=tag_list(p) or None,
            TreatMissingData=p.get("treatMissingData"),
        )
    )
    return name, {"arn": f"arn:aws:cloudwatch:{c.region}:{c.account}:alarm:{name}"}
