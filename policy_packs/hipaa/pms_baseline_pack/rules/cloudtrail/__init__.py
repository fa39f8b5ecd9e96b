"""Rules for AWS CloudTrail: the trail, its event selectors and the Object Lock of the bucket it writes to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules.props import block, blocks, bucket_name, ref, resource_identities

S3_OBJECT = "AWS::S3::Object"


def trail_name(trail: Any) -> str:
    """A trail's name as messages show it (``name``, else its URN name)."""
    name = trail.props.get("name")
    return name if isinstance(name, str) and name and not is_opaque(name) else trail.name


def trail_bucket(resources: Iterable[Any], trail: Any) -> Any:
    """The bucket declared in the stack that the trail's ``s3BucketName`` names, or None."""
    wanted = ref(trail.props.get("s3BucketName"))
    if wanted is None:
        return None
    for bucket in resources:
        if bucket.type in t.S3_BUCKETS and (
            wanted == bucket_name(bucket) or wanted in resource_identities(bucket)
        ):
            return bucket
    return None


def _field_values(selector: Mapping[str, Any], field: str) -> list[str] | None:
    """The ``equals`` values of an advanced selector's field selector, or None when the field is absent."""
    for fs in blocks(selector.get("fieldSelectors")):
        if isinstance(fs, Mapping) and fs.get("field") == field:
            return [str(v) for v in blocks(fs.get("equals"))]
    return None


def management_coverage(props: Mapping[str, Any]) -> set[str] | None:
    """Which management events the trail records ({"ReadOnly", "WriteOnly"}); None when opaque.

    A trail with neither kind of selector records all management events (AWS's default).
    """
    basic, advanced = props.get("eventSelectors"), props.get("advancedEventSelectors")
    if is_opaque(basic) or is_opaque(advanced):
        return None
    both = {"ReadOnly", "WriteOnly"}
    if not blocks(basic) and not blocks(advanced):
        return both
    found: set[str] = set()
    for sel in blocks(basic):
        if isinstance(sel, Mapping) and sel.get("includeManagementEvents") is not False:
            rw = sel.get("readWriteType") or "All"
            found |= both if rw == "All" else {rw}
    for sel in blocks(advanced):
        if not isinstance(sel, Mapping) or _field_values(sel, "eventCategory") != ["Management"]:
            continue
        read_only = _field_values(sel, "readOnly")
        if read_only is None:
            found |= both
        else:
            found |= {"ReadOnly" if v.lower() == "true" else "WriteOnly" for v in read_only}
    return found


def records_s3_data_events(props: Mapping[str, Any]) -> bool | None:
    """True when a selector records S3 object-level (data) events; None when the selectors are opaque."""
    basic, advanced = props.get("eventSelectors"), props.get("advancedEventSelectors")
    if is_opaque(basic) or is_opaque(advanced):
        return None
    for sel in blocks(basic):
        for res in blocks(sel.get("dataResources") if isinstance(sel, Mapping) else None):
            if isinstance(res, Mapping) and res.get("type") == S3_OBJECT and blocks(res.get("values")):
                return True
    for sel in blocks(advanced):
        if (
            isinstance(sel, Mapping)
            and _field_values(sel, "eventCategory") == ["Data"]
            and S3_OBJECT in (_field_values(sel, "resources.type") or [])
        ):
            return True
    return False


def default_retention(lock: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The default retention block of an Object Lock configuration (``rule.defaultRetention``)."""
    rule = block(lock.get("rule"))
    if not isinstance(rule, Mapping):
        return None
    retention = block(rule.get("defaultRetention"))
    return retention if isinstance(retention, Mapping) else None
