"""Reading resource properties the way rules need them: nested blocks, key references, policies, identities.

Pure functions over plain values (no Pulumi, no boto3), shared by the rules of every service folder. A
property may be opaque (a secret or a preview's unknown, see ``pms_baseline.state.is_opaque``); helpers pass
such values through so the rule can decide to neither pass nor fail. When the judge watches which unknown values
a rule reads (``rules.unknowns``), the helpers read a resource's identities without counting them (they cannot
decide a verdict alone) and count everything a message quotes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pms_baseline_pack.opaque import SECRET_TEXT, SecretInt, is_opaque, is_secret, mark_secret, redacted
from pms_baseline_pack.rules.unknowns import peek, touch

# AWS-managed keys are addressed by aliases under alias/aws/ (alias/aws/rds, alias/aws/s3, ...).
_AWS_MANAGED_ALIAS = re.compile(r"(^|:)alias/aws/")
_KEY_ID = re.compile(r"^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")

# Tags the baseline's components set so rules can tell roles apart from properties alone.
ROLE_TAG = "pms-role"
TIER_TAG = "pms-tier"
ENVIRONMENT_TAG = "environment"
LOAD_BALANCER_ROLE = "load-balancer"
LOAD_BALANCER_LOGS_ROLE = "load-balancer-logs"
# Buckets that only AWS log delivery writes to and that AWS accepts only with SSE-S3 (AES256).
ACCESS_LOGS_ROLE = "access-logs"
SSE_S3_ONLY_ROLES = (LOAD_BALANCER_LOGS_ROLE, ACCESS_LOGS_ROLE)
DATA_TIER = "data"


def block(value: Any) -> Any:
    """A nested single block, which may arrive as an object or a one-element list; None when absent."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def blocks(value: Any) -> list[Any]:
    """A nested repeated block as a list (an object counts as one element; absent is empty)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def shown(value: Any) -> str:
    """A property value as a message shows it: ``unset``, ``true``/``false``, the text, or compact JSON."""
    touch(value)
    if is_secret(value):
        return SECRET_TEXT
    if value is None or value == "" or value == []:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(redacted(value), separators=(",", ":"), sort_keys=True)


def tags(props: Mapping[str, Any]) -> dict[str, Any]:
    """The resource's tags: ``tagsAll`` (provider defaults included) overlaid by ``tags``."""
    out: dict[str, Any] = {}
    for key in ("tagsAll", "tags"):
        value = props.get(key)
        if isinstance(value, Mapping):
            out.update(value.items())
    return out


def is_customer_managed_key(ref: Any) -> bool | None:
    """True for a reference to a customer-managed KMS key (key ARN or id, or an alias not under alias/aws/).

    False for an empty reference or an AWS-managed key's alias; None when the reference is opaque.
    """
    if is_opaque(ref):
        return None
    if not isinstance(ref, str) or not ref.strip():
        return False
    ref = ref.strip()
    if _AWS_MANAGED_ALIAS.search(ref):
        return False
    if ref.startswith("arn:") and ":kms:" in ref:
        return "/" in ref and (":key/" in ref or ":alias/" in ref)
    return bool(_KEY_ID.match(ref)) or ref.startswith("alias/")


def key_problem(prop: str, ref: Any, fix: str, citation: str) -> list[str]:
    """The message for a property that must name a customer-managed key, or [] when it does (or is opaque)."""
    cmk = is_customer_managed_key(ref)
    if cmk is None or cmk:
        return []
    if not isinstance(ref, str) or not ref.strip():
        return [f"{prop} is unset, so AWS uses its managed key; {fix} ({citation})"]
    return [f"{prop} is {ref}, an AWS-managed key; {fix} ({citation})"]


def decoded_json(value: Any) -> Any:
    """A property given as JSON text or as the value itself, decoded; None when absent, opaque or unreadable."""
    if is_opaque(value) or value is None:
        return None
    if isinstance(value, str):
        secret = is_secret(value)
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return None
        if secret:  # a secret document stays secret leaf by leaf once decoded
            value = mark_secret(value)
    return value


def policy_document(value: Any) -> dict[str, Any] | None:
    """A policy given as JSON text or an object, decoded; None when absent, opaque or not a JSON object."""
    value = decoded_json(value)
    return value if isinstance(value, dict) else None


def statements(doc: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """A policy document's statements (a single statement object counts as one)."""
    if not doc:
        return []
    return [s for s in blocks(doc.get("Statement")) if isinstance(s, dict)]


def as_list(value: Any) -> list[Any]:
    """A policy field that may be a single value or a list, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def identities(props: Mapping[str, Any], *extra: str, ident: str = "") -> set[str]:
    """Every string other resources may use to refer to this one: id, ARN, the ARN's last segment, names."""
    found = {ident} if ident else set()
    get = props.get if type(props) is dict else (lambda key: peek(props, key))  # plain dicts: the hot path
    for key in ("id", "arn", "name", "bucket", "identifier", *extra):
        value = get(key)
        if isinstance(value, str) and value and not is_opaque(value):
            found.add(value)
    arn = get("arn")
    if isinstance(arn, str) and arn.startswith("arn:"):
        tail = arn.split(":", 5)[-1]
        found.add(tail.rsplit("/", 1)[-1])
        found.add(tail.rsplit(":", 1)[-1])
    found.discard("")
    return found


def resource_identities(resource: Any, *extra: str) -> set[str]:
    """``identities`` of a StackResource, including its engine id when the view carries one."""
    return identities(resource.props, *extra, ident=str(getattr(resource, "id", "") or ""))


def by_identity(items: Iterable[Any]) -> dict[str, list[Any]]:
    """Resources by every identity other resources may refer to them with (one pass, for joins at scale)."""
    out: dict[str, list[Any]] = {}
    for item in items:
        for ident in resource_identities(item):
            out.setdefault(ident, []).append(item)
    return out


_TYPE_INDEX: list[Any] = [None, -1, {}]
"""The last stack's resources by type: [the list, its length, {type: [(position, resource)]}]. Every stack rule of
an evaluation gets the same list, so the index is built once per stack and serves every rule (the entry holds the
list, so its identity cannot be reused while cached)."""


def type_index(resources: Sequence[Any]) -> dict[str, list[tuple[int, Any]]]:
    """The stack's resources by type token, each with its position in the stack; built once per stack."""
    if _TYPE_INDEX[0] is resources and _TYPE_INDEX[1] == len(resources):
        return _TYPE_INDEX[2]
    index: dict[str, list[tuple[int, Any]]] = {}
    for position, r in enumerate(resources):
        index.setdefault(r.type, []).append((position, r))
    _TYPE_INDEX[:] = [resources, len(resources), index]
    return index


def of_type(resources: Iterable[Any], *types: str) -> list[Any]:
    """The resources of ``types``, in stack order (from the stack's type index when given the stack's list)."""
    if not isinstance(resources, list):
        return [r for r in resources if r.type in types]
    index = type_index(resources)
    if len(types) == 1:
        return [r for _, r in index.get(types[0], ())]
    found = sorted((pr for kind in dict.fromkeys(types) for pr in index.get(kind, ())), key=lambda pr: pr[0])
    return [r for _, r in found]


def environment(props: Mapping[str, Any]) -> str:
    """The ``environment`` tag the baseline sets on every resource; empty when untagged.

    ``tags(props)[ENVIRONMENT_TAG]`` without building the merged map: ``tags`` wins over ``tagsAll`` (rules ask this
    of every resource, several times a run)."""
    for key in ("tags", "tagsAll"):
        found = props.get(key)
        if isinstance(found, Mapping) and ENVIRONMENT_TAG in found:
            value = found[ENVIRONMENT_TAG]
            return value if isinstance(value, str) else ""
    return ""


def is_exempt_environment(props: Mapping[str, Any], exempt: Iterable[str]) -> bool:
    """True when the resource is tagged with one of the ``exempt`` environments (untagged is never exempt)."""
    env = environment(props)
    return bool(env) and env in set(exempt)


def bucket_name(bucket: Any) -> str:
    """An S3 bucket's name as its configuration resources name it (``bucket``, else its URN name)."""
    name = peek(bucket.props, "bucket")
    return name if isinstance(name, str) and name and not is_opaque(name) else bucket.name


_CONFIG_INDEX: dict[tuple[str, ...], tuple[Any, int, dict[str, list[tuple[int, Any]]], list[Any]]] = {}


def _config_index(resources: Any, types: tuple[str, ...]) -> tuple[dict[str, list[tuple[int, Any]]], list[Any]]:
    """Configurations of ``types`` by the bucket they name, and those naming an unknown bucket; built once per
    stack (the entry holds the resource list, so its identity cannot be reused while cached)."""
    cached = _CONFIG_INDEX.get(types)
    if cached and cached[0] is resources and cached[1] == len(resources):
        return cached[2], cached[3]
    by_bucket: dict[str, list[tuple[int, Any]]] = {}
    unknown: list[Any] = []
    for position, r in enumerate(resources):
        if r.type in types:
            name = peek(r.props, "bucket")
            if is_opaque(name):
                unknown.append(r)
            elif isinstance(name, str):
                by_bucket.setdefault(name, []).append((position, r))
    _CONFIG_INDEX[types] = (resources, len(resources), by_bucket, unknown)
    return by_bucket, unknown


def bucket_configs(resources: Sequence[Any], bucket: Any, *types: str) -> list[Any]:
    """The configuration resources of ``types`` (public access block, policy...) of this bucket."""
    by_bucket, unknown = _config_index(resources, types)
    mine = [r for _, r in sorted({p: r for i in resource_identities(bucket) for p, r in by_bucket.get(i, ())}.items())]
    # A preview may not know a new bucket's name yet: a configuration of an unknown bucket may be this one's,
    # and a verdict that counts it as this bucket's rests on that unknown.
    if mine:
        return mine
    for r in unknown:
        r.props.get("bucket")
    return list(unknown)


def integer(value: Any) -> int | None:
    """A whole number, also when it arrives as a float (the policy SDK's protobuf numbers are doubles)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return SecretInt(int(value)) if is_secret(value) else int(value)
    return None


def ref(value: Any) -> str | None:
    """A reference to another resource (an id, ARN or name) as a join key: the string, or None for any other
    shape, so a malformed state can neither crash a join nor match something by accident."""
    return value if isinstance(value, str) else None
