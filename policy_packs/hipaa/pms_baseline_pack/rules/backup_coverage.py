"""Which resources of a stack an AWS Backup selection covers: the shared test of the "<kind> in a backup plan" rules.

A selection (``aws:backup/selection:Selection``) assigns resources to its plan by ARN (``resources``, ``*``
wildcards allowed), by tag (``selectionTags`` of type STRINGEQUALS, any one of which includes a resource), and
excludes ARNs listed in ``notResources``. AWS Config's ``<kind>-in-backup-plan`` and
``<kind>-resources-protected-by-backup-plan`` rows ask exactly this of each resource of their kind.
https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from fnmatch import fnmatchcase
from typing import Any

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules.props import as_list, blocks, of_type, resource_identities, tags


def _matches(pattern: str, arn: str, ids: set[str], marker: str) -> bool:
    """A selection entry names this resource: ``*``, its ARN, a wildcard ARN matching it, or an ARN of its kind
    (``marker``, e.g. ``:table/``) whose name or id part (wildcards allowed) matches one of its identities: a
    preview knows neither the account nor the region of a resource's ARN, and often not the ARN at all."""
    if pattern == "*" or pattern == arn:
        return True
    if "*" in pattern and arn:
        regex = "^" + re.escape(pattern).replace(r"\*", ".*") + "$"
        return re.match(regex, arn) is not None
    return marker in pattern and any(fnmatchcase(i, pattern.split(marker, 1)[1]) for i in ids)


def _covers(selection: Any, arn: str, ids: set[str], resource_tags: dict, marker: str) -> bool:
    p = selection.props
    if any(isinstance(x, str) and _matches(x, arn, ids, marker) for x in as_list(p.get("notResources"))):
        return False
    if any(isinstance(x, str) and _matches(x, arn, ids, marker) for x in as_list(p.get("resources"))):
        return True
    for tag in blocks(p.get("selectionTags")):
        if (
            isinstance(tag, dict)
            and str(tag.get("type", "")).upper() == "STRINGEQUALS"
            and tag.get("key") in resource_tags
            and resource_tags[tag["key"]] == tag.get("value")
        ):
            return True
    return False


def uncovered(
    resources: Sequence[Any],
    types: Iterable[str],
    marker: str,
    include: Callable[[Any], bool] = lambda r: True,
) -> list[Any]:
    """The resources of ``types`` (those ``include`` keeps) that no backup selection of the stack covers.

    ``marker`` is what the ARNs of the kind contain before the resource's name or id (``:table/``,
    ``:volume/``), so an entry that names the resource by an ARN the preview cannot know yet still counts. When
    any selection's resource list is unknown (a preview's unknown value) nothing is reported: the verdict
    would rest on it."""
    selections = of_type(resources, t.BACKUP_SELECTION)
    if any(is_opaque(s.props.get("resources")) or is_opaque(s.props.get("selectionTags")) for s in selections):
        return []
    # Exact ARNs listed by a selection that excludes nothing: the common case, answered without a scan.
    listed = {x for s in selections if not as_list(s.props.get("notResources"))
              for x in as_list(s.props.get("resources")) if isinstance(x, str) and "*" not in x}
    found = []
    for resource in of_type(resources, *types):
        if not include(resource):
            continue
        arn = resource.props.get("arn")
        if is_opaque(arn):
            continue
        arn = arn if isinstance(arn, str) else ""
        ids = resource_identities(resource)
        if arn in listed or ids & listed:
            continue
        if not any(_covers(s, arn, ids, tags(resource.props), marker) for s in selections):
            found.append(resource)
    return found


def label(resource: Any) -> str:
    """How a message names the resource: its ARN where known, else its logical name."""
    arn = resource.props.get("arn")
    return arn if isinstance(arn, str) and arn else resource.name
