"""DynamoDB tables in provisioned mode scale their read and write capacity (tables and global secondary indexes).

AWS Config ``dynamodb-autoscaling-enabled`` (on-demand tables pass; provisioned tables and their global secondary
indexes need auto scaling): https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-autoscaling-enabled.html
Auto scaling is an Application Auto Scaling scalable target per dimension, resource id ``table/<name>`` or
``table/<name>/index/<index>``: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import blocks, of_type

_DIMENSIONS = ("ReadCapacityUnits", "WriteCapacityUnits")


def _targets(resources) -> set[tuple[str, str]] | None:
    """(resourceId, scalableDimension) of every DynamoDB scalable target; None when one is unknown at preview."""
    out = set()
    for target in of_type(resources, t.APPAUTOSCALING_TARGET):
        p = target.props
        if p.get("serviceNamespace") != "dynamodb":
            continue
        rid, dim = p.get("resourceId"), p.get("scalableDimension")
        if is_opaque(rid) or is_opaque(dim):
            return None
        out.add((str(rid), str(dim)))
    return out


@stack_rule(
    id="dynamodb-table-autoscaling-enabled",
    title="Provisioned DynamoDB tables and their indexes auto scale read and write capacity",
    severity="medium",
    citations=("164.308(a)(7)(ii)(C)",),
    resource_types=(t.DYNAMODB_TABLE, t.APPAUTOSCALING_TARGET),
    remediation="Use billing_mode='PAY_PER_REQUEST', or declare aws.appautoscaling.Target (with a policy) for "
    "the table's and each global secondary index's read and write capacity.",
    aws_config_rules=("dynamodb-autoscaling-enabled",),
)
def check(resources, config):
    """A PROVISIONED table (the default) has scalable targets for read and write, on the table and each GSI."""
    targets = _targets(resources)
    if targets is None:
        return []
    found = []
    for table in of_type(resources, t.DYNAMODB_TABLE):
        p = table.props
        mode, name = p.get("billingMode"), p.get("name")
        if is_opaque(mode) or mode == "PAY_PER_REQUEST" or is_opaque(name) or not isinstance(name, str):
            continue
        scopes = [(f"table/{name}", "table", f"table {name}")]
        for gsi in blocks(p.get("globalSecondaryIndexes")):
            if isinstance(gsi, dict) and isinstance(gsi.get("name"), str):
                scopes.append((f"table/{name}/index/{gsi['name']}", "index", f"index {gsi['name']} of table {name}"))
        for rid, kind, what in scopes:
            missing = [d for d in _DIMENSIONS if (rid, f"dynamodb:{kind}:{d}") not in targets]
            if missing:
                found.append(Violation(
                    f"{what} is PROVISIONED with no auto scaling target for {' or '.join(missing)}; declare "
                    f"aws.appautoscaling.Target resource_id='{rid}' for each, or use billing_mode="
                    "'PAY_PER_REQUEST' (164.308(a)(7)(ii)(C))",
                    table.urn,
                ))
    return found
