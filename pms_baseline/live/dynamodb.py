"""DynamoDB: provisioned throughput stays below a share of the account's limit (dynamodb-throughput-limit-check);
tables read live under the pre-deploy rules' ids: point-in-time recovery (dynamodb-table-pitr-enabled) and auto
scaling of provisioned capacity (dynamodb-table-autoscaling-enabled, the pack's stack rule over the tables and
Application Auto Scaling's DynamoDB scalable targets); and each table's settings compared with the state.

Per region, the read and write capacity provisioned on every table and global secondary index, summed, against
DescribeLimits' AccountMaxReadCapacityUnits and AccountMaxWriteCapacityUnits; reaching accountRCUThresholdPercentage
(accountWCUThresholdPercentage) of the limit fails, default 80 each, as AWS Config's rule does. On-demand tables
report 0 provisioned units.
https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-throughput-limit-check.html
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html (BillingModeSummary, absent
on a table never switched from the original provisioned mode; GlobalSecondaryIndexes; DeletionProtectionEnabled)
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
(PointInTimeRecoveryDescription.PointInTimeRecoveryStatus ENABLED or DISABLED)
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html (ServiceNamespace
dynamodb; ResourceId table/<name> or table/<name>/index/<index>; ScalableDimension)

A table whose description or backups cannot be read has that setting unreadable: the PITR rule skips it, and the
auto scaling rule (which needs every table and target of the Region) is not run there; a failed scalable-target
listing likewise leaves the rule unrun, never a verdict.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

RULE = "dynamodb-throughput-below-account-limit"


def _provisioned(table: dict) -> tuple[int, int]:
    """Read and write units provisioned on the table and its global secondary indexes."""
    parts = [table.get("ProvisionedThroughput") or {}]
    parts += [g.get("ProvisionedThroughput") or {} for g in table.get("GlobalSecondaryIndexes") or []]
    return (sum(int(p.get("ReadCapacityUnits") or 0) for p in parts),
            sum(int(p.get("WriteCapacityUnits") or 0) for p in parts))


@collector("dynamodb")
def collect(live, inv: Inventory) -> None:
    ddb = live.client("dynamodb", inv.region)
    limits = inv.read(lambda: live.call(ddb, "describe_limits"))
    names = inv.read(lambda: list(live.pages(ddb, "list_tables", "TableNames")))
    if not readable(names):
        inv.complete = False
        return
    if readable(limits):
        inv.items["limits"] = (limits["AccountMaxReadCapacityUnits"], limits["AccountMaxWriteCapacityUnits"])
    described = {n: inv.read(lambda n=n: live.call(ddb, "describe_table", TableName=n)["Table"]) for n in names}
    inv.items["tables"] = {n: inv.read(lambda d=d: _provisioned(d)) if readable(d) else UNREADABLE
                           for n, d in described.items()}
    inv.items["table_descriptions"] = [
        {"TableName": n, "Table": d, "Backups": inv.read(lambda n=n: live.call(
            ddb, "describe_continuous_backups", TableName=n)["ContinuousBackupsDescription"]),
         "Tags": inv.read(lambda d=d: _tags(live, ddb, d["TableArn"])) if readable(d) else UNREADABLE}
        for n, d in described.items()
    ]
    aas = live.client("application-autoscaling", inv.region)
    targets = inv.read(lambda: list(live.pages(
        aas, "describe_scalable_targets", "ScalableTargets", ServiceNamespace="dynamodb")))
    inv.items["scalable_targets"] = targets if readable(targets) else [UNREADABLE]


@check(RULE, "dynamodb")
def throughput_below_limit(acct: Account):
    config = acct.live.rule_config(RULE)
    for inv in acct.each("dynamodb"):
        tables = inv.items.get("tables", {})
        if not inv.complete or "limits" not in inv.items or not all(readable(v) for v in tables.values()):
            continue  # a total that misses a table proves nothing; the unreadable call is its own finding
        for n, (kind, param) in enumerate((("read", "accountRCUThresholdPercentage"),
                                           ("write", "accountWCUThresholdPercentage"))):
            total, limit = sum(v[n] for v in tables.values()), inv.items["limits"][n]
            threshold = int(config[param])
            if limit and total * 100 >= threshold * limit:
                yield acct.live.finding(
                    RULE, t.DYNAMODB_TABLE, f"dynamodb-{inv.region}", inv.region,
                    f"tables provision {total} {kind} capacity units, {total * 100 // limit}% of the account's "
                    f"limit of {limit} (threshold {threshold}%), so scaling up under load will be refused; "
                    "request a higher limit in Service Quotas or move tables to on-demand (164.308(a)(7)(ii)(C))",
                    inv.region,
                )


def _capacity(throughput: dict | None) -> dict:
    p = throughput or {}
    return {"readCapacity": p.get("ReadCapacityUnits"), "writeCapacity": p.get("WriteCapacityUnits")}


def _tags(live, ddb, arn: str) -> dict[str, str]:
    """The table's tags, which a backup selection by tag matches on
    (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html, paged by
    NextToken)."""
    tags: dict[str, str] = {}
    token = None
    while True:
        page = live.call(ddb, "list_tags_of_resource", ResourceArn=arn, **({"NextToken": token} if token else {}))
        tags.update({x["Key"]: x["Value"] for x in page.get("Tags") or []})
        token = page.get("NextToken")
        if not token:
            return tags


def table_props(item: dict) -> dict:
    """A table's description and continuous backups in the engine's property names."""
    d, backups = item["Table"], item["Backups"]
    pitr = UNREADABLE
    if readable(backups):
        status = (backups.get("PointInTimeRecoveryDescription") or {}).get("PointInTimeRecoveryStatus")
        pitr = {"enabled": status == "ENABLED"}
    if not readable(d):
        return {"name": item["TableName"], "billingMode": UNREADABLE, "pointInTimeRecovery": pitr}
    return {
        "name": d.get("TableName"),
        "arn": d.get("TableArn"),
        "billingMode": (d.get("BillingModeSummary") or {}).get("BillingMode") or "PROVISIONED",
        **_capacity(d.get("ProvisionedThroughput")),
        "globalSecondaryIndexes": [{"name": g.get("IndexName"), **_capacity(g.get("ProvisionedThroughput"))}
                                   for g in d.get("GlobalSecondaryIndexes") or []],
        "deletionProtectionEnabled": d.get("DeletionProtectionEnabled"),
        "pointInTimeRecovery": pitr,
        "tags": item.get("Tags", UNREADABLE),
    }


def target_props(target: dict) -> dict:
    """A scalable target in the engine's property names (aws:appautoscaling/target:Target)."""
    return {
        "serviceNamespace": target.get("ServiceNamespace"),
        "resourceId": target.get("ResourceId"),
        "scalableDimension": target.get("ScalableDimension"),
        "minCapacity": target.get("MinCapacity"),
        "maxCapacity": target.get("MaxCapacity"),
        "arn": target.get("ScalableTargetARN"),
    }


reader(
    t.DYNAMODB_TABLE, "dynamodb", "table_descriptions", "table",
    name=lambda item: item["TableName"],
    ids=lambda item: (item["TableName"], item["Table"].get("TableArn") if readable(item["Table"]) else None),
    props=table_props,
    rules=("dynamodb-table-pitr-enabled",),
    compare=("billingMode", "pointInTimeRecovery.enabled", "deletionProtectionEnabled"),
)
reader(
    t.APPAUTOSCALING_TARGET, "dynamodb", "scalable_targets", "scalable target",
    name=lambda target: f"{target['ResourceId']} {target['ScalableDimension']}",
    ids=lambda target: (target.get("ScalableTargetARN") or target["ResourceId"], target["ResourceId"]),
    props=target_props,
)
stack_rule("dynamodb-table-autoscaling-enabled", "dynamodb", (t.DYNAMODB_TABLE, t.APPAUTOSCALING_TARGET))
