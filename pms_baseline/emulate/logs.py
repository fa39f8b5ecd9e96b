"""CloudWatch Logs: log groups (key and retention as declared) and metric filters."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, present, tags
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.LOG_GROUP)
def _log_group(c: Context, r: Resource, p: dict[str, Any]):
    logs = c.client("logs")
    name = p.get("name") or r.id
    # moto gap: associate_kms_key is not implemented; CreateLogGroup takes the key directly.
    logs.create_log_group(**kw(logGroupName=name, kmsKeyId=p.get("kmsKeyId"), tags=tags(p) or None))
    if p.get("retentionInDays"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=int(p["retentionInDays"]))
    return name, {"arn": f"arn:aws:logs:{c.region}:{c.account}:log-group:{name}"}


@handles(t.LOG_METRIC_FILTER)
def _metric_filter(c: Context, r: Resource, p: dict[str, Any]):
    transforms = [
        {
            "metricName": m["name"],
            "metricNamespace": m["namespace"],
            "metricValue": str(m.get("value", "1")),
            **({"defaultValue": float(m["defaultValue"])} if present(m.get("defaultValue")) else {}),
        }
        for m in (
            [p["metricTransformation"]]
            if isinstance(p.get("metricTransformation"), dict)
            else p.get("metricTransformation") or []
        )
    ]
    name = p.get("name") or r.id
    c.client("logs").put_metric_filter(
        logGroupName=p["logGroupName"],
        filterName=name,
        filterPattern=p.get("pattern", ""),
        metricTransformations=transforms,
    )
    return name, {}
