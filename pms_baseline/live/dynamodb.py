"""DynamoDB: provisioned throughput stays below a share of the account's limit (dynamodb-throughput-limit-check).

Per region, the read and write capacity provisioned on every table and global secondary index, summed, against
DescribeLimits' AccountMaxReadCapacityUnits and AccountMaxWriteCapacityUnits; reaching accountRCUThresholdPercentage
(accountWCUThresholdPercentage) of the limit fails, default 80 each, as AWS Config's rule does. On-demand tables
report 0 provisioned units.
https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-throughput-limit-check.html
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html
"""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, readable
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
    if not readable(limits, names):
        inv.complete = False
        return
    inv.items["limits"] = (limits["AccountMaxReadCapacityUnits"], limits["AccountMaxWriteCapacityUnits"])
    inv.items["tables"] = {
        n: inv.read(lambda n=n: _provisioned(live.call(ddb, "describe_table", TableName=n)["Table"])) for n in names
    }


@check(RULE, "dynamodb")
def throughput_below_limit(acct: Account):
    config = acct.live.rule_config(RULE)
    for inv in acct.each("dynamodb"):
        tables = inv.items.get("tables", {})
        if not inv.complete or not all(readable(v) for v in tables.values()):
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
