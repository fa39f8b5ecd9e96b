"""CloudWatch Logs: every log group is encrypted with a customer-managed key and keeps logs long enough."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t


@collector("logs")
def collect(live, inv: Inventory) -> None:
    logs = live.client("logs", inv.region)
    groups = inv.read(lambda: list(live.pages(logs, "describe_log_groups", "logGroups")))
    if not readable(groups):
        inv.complete = False
        return
    for group in groups:
        arn = group.get("arn", "").removesuffix(":*")
        tags = inv.read(lambda a=arn: live.call(logs, "list_tags_for_resource", resourceArn=a).get("tags"))
        group["tags"] = tags if readable(tags) else {}
    inv.items["groups"] = groups


def _judged(acct: Account, rule_id: str, props_of):
    for inv in acct.each("logs"):
        for group in inv.items.get("groups", []):
            name = group["logGroupName"]
            for msg in judge(rule_id, props_of(group), acct.live.rule_config(rule_id)):
                yield acct.live.finding(
                    rule_id, t.LOG_GROUP, name, name, f"log group {name}: {msg}", inv.region
                )


@check("logs-log-group-kms-encrypted", "logs")
def log_group_encrypted(acct: Account):
    yield from _judged(acct, "logs-log-group-kms-encrypted", lambda g: {"kmsKeyId": g.get("kmsKeyId")})


@check("logs-log-group-retention-minimum", "logs")
def log_group_retention(acct: Account):
    yield from _judged(
        acct,
        "logs-log-group-retention-minimum",
        lambda g: {"retentionInDays": g.get("retentionInDays"), "tags": g.get("tags") or {}},
    )
