"""Rules for sealed test environments: they apply only when the stack is a test environment.

A stack is a test environment when any of its resources carries the ``environment`` tag with one of the
rule's ``testEnvironments`` (default ``test``); the baseline's components tag every resource this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import environment_list
from pms_baseline_pack.rules.props import environment, policy_document, statements

CITATION = "164.308(a)(4)(ii)(A)"

# Shared by the isolation rules, which judge only test stacks (dropping "test" would stop them), and by
# baa-services-eligible, which lets test stacks off (naming prod or staging would let a PHI stack off).
TEST_ENVIRONMENTS = environment_list(
    ["test"],
    "Values of the environment tag that mark a stack as a sealed test environment.",
    item_refused=(r"(^|[-_.])(prod|production|prd|staging)([-_.]|$)",
                  "names an environment that holds PHI (prod or staging), which is never a sealed test environment"),
    keep_defaults=True,
)


def is_test_stack(resources: Iterable[Any], test_environments: Sequence[str]) -> bool:
    """True when some resource is tagged with a test environment."""
    wanted = set(test_environments)
    return any(environment(r.props) in wanted for r in resources)


def label(resource: Any) -> str:
    """The resource's type name and URN name, e.g. ``NatGateway pms-nat``."""
    return f"{resource.type.rsplit(':', 1)[-1]} {resource.name}"


def strings(value: Any, path: str = "") -> Iterable[tuple[str, str]]:
    """(path, text) for every string inside a property value (opaque values are skipped).

    A policy document (as JSON text or an object) is searched without its Deny statements: naming production
    in a Deny (a permissions boundary that keeps test roles off production keys) is no path to production.
    """
    if is_opaque(value):
        return
    if isinstance(value, str):
        doc = policy_document(value) if value.lstrip().startswith("{") else None
        if doc is not None and "Statement" in doc:
            yield from strings(doc, path)
        else:
            yield path, value
    elif isinstance(value, dict):
        if "Statement" in value:
            value = {**value, "Statement": [s for s in statements(value) if s.get("Effect") != "Deny"]}
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, f"{path}[{i}]")
