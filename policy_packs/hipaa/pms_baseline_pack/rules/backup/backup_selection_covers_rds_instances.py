"""Every RDS instance in the stack is protected by an AWS Backup selection."""

import re

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import as_list, blocks, of_type, resource_identities, tags


def _matches(pattern: str, arn: str, ids: set[str]) -> bool:
    """AWS Backup selection resources are ARNs, optionally with '*' wildcards."""
    if pattern == "*" or pattern == arn:
        return True
    if "*" in pattern and arn:
        regex = "^" + re.escape(pattern).replace(r"\*", ".*") + "$"
        return re.match(regex, arn) is not None
    return ":db:" in pattern and pattern.rsplit(":", 1)[-1] in ids


def _covers(selection, arn: str, ids: set[str], instance_tags: dict) -> bool:
    p = selection.props
    if any(isinstance(x, str) and _matches(x, arn, ids) for x in as_list(p.get("notResources"))):
        return False
    if any(isinstance(x, str) and _matches(x, arn, ids) for x in as_list(p.get("resources"))):
        return True
    for tag in blocks(p.get("selectionTags")):
        if (
            isinstance(tag, dict)
            and str(tag.get("type", "")).upper() == "STRINGEQUALS"
            and tag.get("key") in instance_tags
            and instance_tags[tag["key"]] == tag.get("value")
        ):
            return True
    return False


@stack_rule(
    id="backup-selection-covers-rds-instances",
    title="Every RDS instance is covered by an AWS Backup selection",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"),
    resource_types=(t.RDS_INSTANCE, t.BACKUP_SELECTION),
    remediation="Use the BackupVault component with the database's ARN in protected_resource_arns, or add "
    "the instance's ARN to a backup selection's resources.",
    aws_config_rules=("rds-in-backup-plan",),
)
def check(resources, config):
    """Each RDS instance's ARN is in a selection's resources (or matched by a wildcard or selection tag)."""
    selections = of_type(resources, t.BACKUP_SELECTION)
    if any(is_opaque(s.props.get("resources")) for s in selections):
        return []
    # Exact ARNs listed by a selection that excludes nothing: the common case, answered without a scan.
    listed = {x for s in selections if not as_list(s.props.get("notResources"))
              for x in as_list(s.props.get("resources")) if isinstance(x, str) and "*" not in x}
    found = []
    for db in of_type(resources, t.RDS_INSTANCE):
        arn = db.props.get("arn")
        if is_opaque(arn):
            continue
        arn = arn if isinstance(arn, str) else ""
        ids = resource_identities(db)
        if arn in listed or ids & listed or any(_covers(s, arn, ids, tags(db.props)) for s in selections):
            continue
        label = arn or db.name
        found.append(
            Violation(
                f"RDS instance {label} is in no backup selection's resources; add it to the BackupVault "
                "component's protected_resource_arns (164.308(a)(7)(ii)(A))",
                db.urn,
            )
        )
    return found
