"""Shared helpers for the component tests: preview a component under the mocks and read the result."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pms_baseline.gate import stack_view
from pms_baseline.preview import preview_function
from pms_baseline.state import Resource, StateDocument, parse_document
from pms_baseline_pack.rules import catalogue

ACCOUNT = "210987654321"
REGION = "us-east-1"
PROD_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]
STAGING_ZONES = ["us-east-1a", "us-east-1b"]
# Stand-in key ARNs: components take keys as inputs, so plain strings do.
PHI_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/11111111-1111-1111-1111-111111111111"
BACKUP_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/22222222-2222-2222-2222-222222222222"
AUDIT_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/33333333-3333-3333-3333-333333333333"
SECRETS_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/44444444-4444-4444-4444-444444444444"


def tags_for(environment: str) -> dict[str, str]:
    return {
        "project": "pms-baseline",
        "environment": environment,
        "stack": environment,
        "managed-by": "pulumi",
    }


def preview(body: Callable[[], Any], stack: str) -> StateDocument:
    """Run ``body`` under the recording mocks as stack ``stack`` in the test account and region."""
    doc = preview_function(
        body, stack=stack, config={"aws:region": REGION, "pms-baseline:accountId": ACCOUNT}
    )
    return parse_document(doc)


def only(doc: StateDocument, token: str, name: str | None = None) -> Resource:
    """The one resource of ``token`` (named ``name`` when given); fails if there is not exactly one."""
    found = [r for r in doc.of_type(token) if name is None or r.name == name]
    assert len(found) == 1, f"expected one {token} {name or ''}, found {[r.name for r in found]}"
    return found[0]


def by_id(doc: StateDocument, token: str, rid: str) -> Resource:
    found = [r for r in doc.of_type(token) if r.id == rid]
    assert len(found) == 1, f"expected one {token} with id {rid}, found {len(found)}"
    return found[0]


def policy(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else value


def stack_output(doc: StateDocument, key: str) -> Any:
    return doc.stack_resource.outputs[key]


def rule_violations(doc: StateDocument, prefixes: tuple[str, ...]) -> dict[str, list[Any]]:
    """Every violation of the policy pack's rules whose id starts with one of ``prefixes``."""
    resources = [stack_view(r) for r in doc.resources]
    found: dict[str, list[Any]] = {}
    for rule in catalogue():
        if not rule.id.startswith(prefixes):
            continue
        if rule.kind == "resource":
            messages = [
                m for r in resources if r.type in rule.resource_types for m in rule.run_resource(r.props)
            ]
        else:
            messages = rule.run_stack(resources)
        if messages:
            found[rule.id] = messages
    return found
