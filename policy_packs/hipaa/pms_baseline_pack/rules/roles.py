"""Stack roles: which stacks account rules (``Rule.scope == "account"``) judge.

A team runs one ``account-baseline`` stack per account (the trail, the Config recorder, GuardDuty, the password
policy, ...) and any number of ``workload`` stacks that build on it; a ``standalone`` stack (the default) holds
both. Account rules judge ``account-baseline`` and ``standalone`` stacks; a ``workload`` stack is judged on its own
resources only, and its account rules are not applicable (not passed): the account is judged by gating the
workload together with its baseline (``pms-baseline gate --state baseline.json --stack <workload> ...``).

What the pack itself can see of a stack's role (the Pulumi engine hands it resources, not the stack's config):

- the root stack's output ``pms-baseline:stackRole`` (``pulumi.export("pms-baseline:stackRole", role)``), where the
  engine includes the ``pulumi:pulumi:Stack`` resource among the resources;
- the tag ``pms-baseline:stackRole`` on the stack's resources (``tags`` or the provider's default tags, which show as
  ``tagsAll``).

The root stack's output, when it is a role, is the stack's role (it is what the program says of the whole stack;
the gate sends its resolved role, ``--stack-role`` included, this way). Otherwise one role declared by the tags (on
any number of resources) is; no declaration is ``standalone``, and so are two different roles or a value that is
not a role: a stack that cannot say what it is gets every rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules.props import tags

ROLE_KEY = "pms-baseline:stackRole"
"""The stack config key, the root stack's output and the resource tag that declare a stack's role."""
ACCOUNT_BASELINE = "account-baseline"
WORKLOAD = "workload"
STANDALONE = "standalone"
ROLES = (ACCOUNT_BASELINE, WORKLOAD, STANDALONE)
DEFAULT_ROLE = STANDALONE
STACK_TYPE = "pulumi:pulumi:Stack"
ACCOUNT = "account"


def declared_roles(resources: Iterable[Any]) -> dict[str, list[str]]:
    """Each value declared as the stack's role -> the URNs declaring it (the root stack's output, resource tags).

    ``resources`` are anything with ``urn``, ``type`` and ``props`` (the root stack's props are its outputs)."""
    found: dict[str, list[str]] = {}
    for r in resources:
        props = r.props if isinstance(r.props, Mapping) else {}
        values = [props.get(ROLE_KEY)] if r.type == STACK_TYPE else [tags(props).get(ROLE_KEY)]
        for value in values:
            if value is not None and not is_opaque(value):
                found.setdefault(str(value), []).append(r.urn)
    return found


def role_of(resources: Iterable[Any]) -> str:
    """The stack's role as its resources declare it; ``standalone`` when none, several or an unknown one is."""
    resources = list(resources)
    root = [r.props.get(ROLE_KEY) for r in resources if r.type == STACK_TYPE and isinstance(r.props, Mapping)]
    if len(root) == 1 and root[0] in ROLES:
        return root[0]
    found = declared_roles(resources)
    if len(found) == 1:
        (role,) = found
        if role in ROLES:
            return role
    return DEFAULT_ROLE


def applies(rule: Any, role: str) -> bool:
    """Whether ``rule`` judges a stack of ``role``: every rule but an account rule in a workload stack."""
    return not (rule.scope == ACCOUNT and role == WORKLOAD)


def not_applicable_reason(role: str) -> str:
    """Why an account rule does not judge a stack of ``role`` (only ``workload``)."""
    return (f"account rule, not applicable to a {role} stack ({ROLE_KEY}={role}); judge the account by gating this "
            f"stack together with its {ACCOUNT_BASELINE} stack")
