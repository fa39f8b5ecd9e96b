"""What the AWS service contract rules share: finding the key, bucket or role a resource names, and asking a
policy whether it lets a service do what AWS documents the service needs.

A contract rule judges whether AWS would accept (or could ever use) an integration: a trail and its key, a
delivery channel and its bucket. Anything the state does not reveal (an opaque reference or policy, a key
outside the stack) neither passes nor fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal, Request, allows
from pms_baseline_pack.opaque import is_opaque, redacted
from pms_baseline_pack.rules.props import (
    block,
    blocks,
    bucket_configs,
    bucket_name,
    identities,
    of_type,
    policy_document,
)

OPAQUE = object()
"""What a lookup returns when the state does not reveal the answer (the rule neither passes nor fails)."""


def has_opaque(value: Any) -> bool:
    """True when ``value`` or anything nested in it is a secret or a preview's unknown."""
    if is_opaque(value):
        return True
    if isinstance(value, Mapping):
        return any(has_opaque(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(has_opaque(v) for v in value)
    return False


def text(value: Any) -> str:
    """A plain, known string property, else ''."""
    return value if isinstance(value, str) and not is_opaque(value) else ""


def label(resource: Any) -> str:
    """A resource as a message names it: its physical name, else its URN name."""
    for key in ("name", "bucket", "identifier", "keyId"):
        value = text(resource.props.get(key))
        if value:
            return value
    return resource.name


@dataclass(frozen=True)
class Arn:
    """The parts of an ARN (``arn:partition:service:region:account:resource``)."""

    partition: str
    service: str
    region: str
    account: str
    resource: str

    @classmethod
    def parse(cls, value: Any) -> Arn | None:
        parts = text(value).split(":", 5)
        if len(parts) != 6 or parts[0] != "arn":
            return None
        return cls(*parts[1:])


def arn_of(resource: Any) -> Arn | None:
    return Arn.parse(resource.props.get("arn")) or Arn.parse(resource.id)


def place(*resources: Any) -> tuple[str, str]:
    """(account, region) from the first regional ARN among ``resources`` (accounts from any ARN)."""
    account = region = ""
    for r in resources:
        if r is None:
            continue
        arn = arn_of(r)
        if arn is None:
            continue
        account = account or arn.account
        region = region or arn.region
    return account, region


# --- keys ------------------------------------------------------------------------------------------------------


def key_index(resources: Iterable[Any]) -> dict[str, Any]:
    """Every KMS key of the stack by each string that may refer to it: ARN, key id, and its aliases' names/ARNs."""
    out: dict[str, Any] = {}
    keys = [r for r in resources if r.type == t.KMS_KEY]
    for key in keys:
        for ident in identities(key.props, "keyId", ident=key.id):
            out.setdefault(ident, key)
    for alias in [r for r in resources if r.type == t.KMS_ALIAS]:
        target = out.get(text(alias.props.get("targetKeyId"))) or out.get(text(alias.props.get("targetKeyArn")))
        if target is None:
            continue
        for ident in (text(alias.props.get("name")), text(alias.props.get("arn"))):
            if ident:
                out.setdefault(ident, target)
    return out


def find_key(index: Mapping[str, Any], ref: Any) -> Any:
    """The key of the stack ``ref`` names; OPAQUE when ``ref`` is opaque; None when unset or outside the stack."""
    if is_opaque(ref):
        return OPAQUE
    ref = text(ref)
    if not ref:
        return None
    if ref in index:
        return index[ref]
    tail = ref.rsplit("/", 1)[-1] if ref.startswith("arn:") and ":key/" in ref else ""
    return index.get(tail)


def key_policy(key: Any) -> Any:
    """The key's policy document; OPAQUE when the state hides it (or part of it); None when it is unset (AWS then
    applies the default key policy, which gives the account, not a service, the key)."""
    raw = key.props.get("policy")
    if has_opaque(raw):
        return OPAQUE
    if raw in (None, ""):
        return None
    doc = policy_document(raw)
    return OPAQUE if doc is None else doc


def default_key_policy(account: str) -> dict[str, Any]:
    """The default key policy AWS applies to a key created without one: the account root, kms:*.
    https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html"""
    return {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": "kms:*",
                "Resource": "*",
            }
        ]
    }


def denied(doc: Mapping[str, Any] | None, requests: Sequence[Request]) -> list[Request]:
    """The requests the resource policy ``doc`` does not allow."""
    return [r for r in requests if not allows(doc, r)]


def key_requests(key: Any, who: Principal, actions: Iterable[str], context: Mapping[str, Any]) -> list[Request]:
    """One request per action against the key's ARN, from ``who`` with ``context``."""
    resource = text(key.props.get("arn")) or "*"
    return [Request(action=a, resource=resource, principal=who, context=dict(context)) for a in actions]


def without_account_grants(doc: Mapping[str, Any]) -> dict[str, Any]:
    """``doc`` without the Allow statements that name an account (its id or root ARN): what the policy grants a
    principal directly, for callers whose own IAM policies AWS documents to lack the permission."""

    def to_account(statement: Any) -> bool:
        principal = statement.get("Principal") if isinstance(statement, Mapping) else None
        names = principal.get("AWS") if isinstance(principal, Mapping) else None
        names = names if isinstance(names, list) else [names]
        return statement.get("Effect") == "Allow" and any(
            isinstance(n, str) and (n.isdigit() or n.endswith(":root")) for n in names
        )

    kept = [s for s in blocks(doc.get("Statement")) if not to_account(s)]
    return {**doc, "Statement": kept}


def missing_key_grants(
    key: Any, who: Principal, actions: Iterable[str], context: Mapping[str, Any], delegation: bool = True
) -> Any:
    """The actions ``key``'s policy does not let ``who`` use under ``context``; OPAQUE when the policy is hidden.
    With ``delegation`` a statement for the account counts (its IAM policies then decide); without, only a
    statement naming ``who`` (or everyone) does."""
    doc = key_policy(key)
    if doc is OPAQUE:
        return OPAQUE
    if doc is None:
        account, _ = place(key)
        doc = default_key_policy(account)
    if not delegation:
        doc = without_account_grants(doc)
    return [r.action for r in denied(doc, key_requests(key, who, actions, context))]


def key_label(key: Any) -> str:
    """A key as messages name it: its URN name (keys have no physical name) and id."""
    key_id = text(key.props.get("keyId")) or text(key.id)
    return f"{key.name} ({key_id})" if key_id else key.name


# --- buckets ---------------------------------------------------------------------------------------------------


def find_bucket(resources: Iterable[Any], name: Any) -> Any:
    """The bucket of the stack named ``name``; OPAQUE when ``name`` is opaque; None when absent."""
    if is_opaque(name):
        return OPAQUE
    name = text(name)
    if not name:
        return None
    if name.startswith("arn:aws:s3:::"):
        name = name.removeprefix("arn:aws:s3:::")
    return _bucket_index(resources).get(name)


_BUCKET_INDEX: list[Any] = [None, -1, {}]
"""The last stack's buckets by every name that finds them: [the list, its length, {name: first bucket}]."""


def _bucket_index(resources: Iterable[Any]) -> dict[str, Any]:
    """The stack's buckets by name and identity, the first in stack order winning; built once per stack list."""
    if isinstance(resources, list) and _BUCKET_INDEX[0] is resources and _BUCKET_INDEX[1] == len(resources):
        return _BUCKET_INDEX[2]
    index: dict[str, Any] = {}
    for bucket in (of_type(resources, *t.S3_BUCKETS) if isinstance(resources, list) else
                   [r for r in resources if r.type in t.S3_BUCKETS]):
        index.setdefault(bucket_name(bucket), bucket)
        for ident in identities(bucket.props):
            index.setdefault(ident, bucket)
    if isinstance(resources, list):
        _BUCKET_INDEX[:] = [resources, len(resources), index]
    return index


def bucket_encryption(resources: Sequence[Any], bucket: Any) -> Any:
    """The bucket's default encryption as (sseAlgorithm, kmsMasterKeyId, bucketKeyEnabled); None when it declares
    none (AWS then applies SSE-S3); OPAQUE when hidden."""
    rules = [r for cfg in bucket_configs(resources, bucket, *t.S3_SSES) for r in blocks(cfg.props.get("rules"))]
    inline = block(bucket.props.get("serverSideEncryptionConfiguration"))
    if isinstance(inline, Mapping):
        rules.extend(blocks(inline.get("rule")))
    for rule in rules:
        if has_opaque(rule):
            return OPAQUE
        if not isinstance(rule, Mapping):
            continue
        default = block(rule.get("applyServerSideEncryptionByDefault"))
        if isinstance(default, Mapping):
            return (
                text(default.get("sseAlgorithm")),
                default.get("kmsMasterKeyId"),
                rule.get("bucketKeyEnabled") is True,
            )
    return None


def bucket_policy(resources: Sequence[Any], bucket: Any) -> Any:
    """The bucket's policy document (a BucketPolicy, else the bucket's own ``policy``); OPAQUE when hidden."""
    raws = [c.props.get("policy") for c in bucket_configs(resources, bucket, t.S3_POLICY)]
    raws.append(bucket.props.get("policy"))
    for raw in raws:
        if has_opaque(raw):
            return OPAQUE
        if raw not in (None, ""):
            doc = policy_document(raw)
            return OPAQUE if doc is None else doc
    return None


def object_lock(resources: Sequence[Any], bucket: Any) -> Any:
    """(enabled, default retention block or None) of the bucket's S3 Object Lock; OPAQUE when hidden."""
    enabled = bucket.props.get("objectLockEnabled")
    legacy = block(bucket.props.get("objectLockConfiguration"))
    retention = None
    if isinstance(legacy, Mapping):
        if enabled is None and legacy.get("objectLockEnabled") is not None:
            flag = legacy.get("objectLockEnabled")
            enabled = flag if is_opaque(flag) else flag == "Enabled"
        retention = (
            block((block(legacy.get("rule")) or {}).get("defaultRetention"))
            if isinstance(block(legacy.get("rule")), Mapping)
            else None
        )
    for cfg in bucket_configs(resources, bucket, *t.S3_OBJECT_LOCKS):
        if has_opaque(cfg.props.get("rule")):
            return OPAQUE
        enabled = True if enabled is None else enabled
        rule = block(cfg.props.get("rule"))
        if isinstance(rule, Mapping):
            retention = block(rule.get("defaultRetention")) or retention
    if is_opaque(enabled):
        return OPAQUE
    return enabled is True, retention


def shown_policy(doc: Any) -> str:
    return json.dumps(redacted(doc), separators=(",", ":"), sort_keys=True)


# --- roles -----------------------------------------------------------------------------------------------------

AWS_MANAGED_POLICY = "arn:aws:iam::aws:policy/"


def find_role(resources: Iterable[Any], ref: Any) -> Any:
    """The role of the stack ``ref`` (ARN or name) names; OPAQUE when opaque; None when absent."""
    if is_opaque(ref):
        return OPAQUE
    ref = text(ref)
    if not ref:
        return None
    for role in resources:
        if role.type == t.IAM_ROLE and ref in identities(role.props, ident=role.id):
            return role
    return None


def identity_policies(resources: Sequence[Any], role: Any) -> Any:
    """The policy documents of ``role`` that the stack declares (inline and attached customer-managed); OPAQUE
    when one is hidden or an AWS managed policy is attached (its content is not in the state)."""
    names = identities(role.props, ident=role.id)
    raws: list[Any] = [p.get("policy") for p in blocks(role.props.get("inlinePolicies")) if isinstance(p, Mapping)]
    arns: list[Any] = list(blocks(role.props.get("managedPolicyArns")))
    for r in resources:
        if r.type == t.IAM_ROLE_POLICY and text(r.props.get("role")) in names:
            raws.append(r.props.get("policy"))
        elif r.type == t.IAM_ROLE_POLICY_ATTACHMENT and text(r.props.get("role")) in names:
            arns.append(r.props.get("policyArn"))
    for arn in arns:
        if is_opaque(arn) or text(arn).startswith(AWS_MANAGED_POLICY):
            return OPAQUE
        policy = next((p for p in resources if p.type == t.IAM_POLICY and text(arn) in identities(p.props)), None)
        if policy is None:
            return OPAQUE
        raws.append(policy.props.get("policy"))
    docs = []
    for raw in raws:
        if has_opaque(raw):
            return OPAQUE
        doc = policy_document(raw)
        if doc is None:
            return OPAQUE
        docs.append(doc)
    return docs
