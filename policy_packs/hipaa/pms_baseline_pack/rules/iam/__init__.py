"""Rules for AWS IAM: the account password policy, policy documents, trust policies, Access Analyzer."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.props import policy_document, statements

# Resource kinds whose ``policy`` property is an identity policy document.
POLICY_TYPES = (t.IAM_POLICY, t.IAM_ROLE_POLICY, t.IAM_USER_POLICY, t.IAM_GROUP_POLICY)


def identity_policies(props: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, document) for the ``policy`` of a policy resource and each of a role's ``inlinePolicies``."""
    doc = policy_document(props.get("policy"))
    if doc is not None:
        yield "policy", doc
    inline = props.get("inlinePolicies")
    for i, item in enumerate(inline if isinstance(inline, list) else []):
        if isinstance(item, Mapping):
            doc = policy_document(item.get("policy"))
            if doc is not None:
                yield f"inlinePolicies[{item.get('name') or i}]", doc


def allow_statements(doc: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, statement) for each Allow statement; the label is the Sid or the statement's index."""
    for i, stmt in enumerate(statements(doc)):
        if stmt.get("Effect") == "Allow":
            yield str(stmt.get("Sid") or i), stmt
