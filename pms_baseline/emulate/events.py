"""EventBridge: rules and their targets (``aws:cloudwatch/eventRule`` and ``eventTarget``)."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.EVENT_RULE)
def _rule(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    enabled = p.get("isEnabled", True) is not False and p.get("state", "ENABLED") == "ENABLED"
    arn = c.client("events").put_rule(
        **kw(
            Name=name,
            EventPattern=policy_text(p["eventPattern"]) if present(p.get("eventPattern")) else None,
            ScheduleExpression=p.get("scheduleExpression"),
            Description=p.get("description"),
            EventBusName=p.get("eventBusName"),
            RoleArn=p.get("roleArn"),
            State="ENABLED" if enabled else "DISABLED",
            Tags=tag_list(p) or None,
        )
    )["RuleArn"]
    return name, {"arn": arn, "name": name}


@handles(t.EVENT_TARGET)
def _target(c: Context, r: Resource, p: dict[str, Any]):
    target_id = p.get("targetId") or r.name
    target = kw(
        Id=target_id, Arn=p["arn"], RoleArn=p.get("roleArn"), Input=p.get("input"), InputPath=p.get("inputPath")
    )
    got = c.client("events").put_targets(**kw(Rule=p["rule"], EventBusName=p.get("eventBusName"), Targets=[target]))
    if got.get("FailedEntryCount"):
        raise RuntimeError(f"PutTargets failed: {got.get('FailedEntries')}")
    return f"{p['rule']}-{target_id}", {"targetId": target_id}
