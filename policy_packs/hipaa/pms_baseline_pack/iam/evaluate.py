"""Does a policy document allow one request? The IAM evaluation logic for a single policy, as AWS documents it.

https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

An explicit Deny wins over any Allow; without a matching Allow the request is implicitly denied. A statement
matches when its principal (Principal / NotPrincipal, for resource policies), action (Action / NotAction),
resource (Resource / NotResource) and every condition match the request. No maintained Python library
evaluates resource policies with conditions (see the README's contract section), so this module does, and
nothing more: no SCPs, permission boundaries, sessions or grants.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from typing import Any

ALLOW = "Allow"
DENY = "Deny"
IMPLICIT_DENY = "ImplicitDeny"

_ACCOUNT = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class Principal:
    """Who makes a request: an AWS service (``service="cloudtrail.amazonaws.com"``) or an IAM principal of an
    account (``arn="arn:aws:iam::111122223333:role/deployer"``, or only ``account`` for any of its principals)."""

    service: str = ""
    arn: str = ""
    account: str = ""

    @classmethod
    def of_service(cls, host: str) -> Principal:
        return cls(service=host)

    @classmethod
    def of_account(cls, account: str) -> Principal:
        return cls(arn=f"arn:aws:iam::{account}:root", account=account)

    @classmethod
    def of_arn(cls, arn: str) -> Principal:
        parts = arn.split(":", 5)
        return cls(arn=arn, account=parts[4] if len(parts) > 4 else "")


@dataclass(frozen=True)
class Request:
    """One API call as a policy sees it: the action, the resource's ARN, the caller and the request context."""

    action: str
    resource: str = "*"
    principal: Principal = field(default_factory=Principal)
    context: Mapping[str, Any] = field(default_factory=dict)


def decide(doc: Mapping[str, Any] | None, request: Request, *, resource_policy: bool = True) -> str:
    """``Allow``, ``Deny`` (an explicit deny matched) or ``ImplicitDeny`` for ``request`` under ``doc``.

    ``resource_policy`` says whether statements name a Principal (key, bucket, topic policies) or not (identity
    policies, whose principal is the identity they are attached to)."""
    allowed = False
    for statement in _statements(doc):
        if not _matches(statement, request, resource_policy):
            continue
        effect = statement.get("Effect")
        if effect == DENY:
            return DENY
        if effect == ALLOW:
            allowed = True
    return ALLOW if allowed else IMPLICIT_DENY


def allows(doc: Mapping[str, Any] | None, request: Request, *, resource_policy: bool = True) -> bool:
    """True when ``doc`` allows ``request`` (an Allow matches and no Deny does)."""
    return decide(doc, request, resource_policy=resource_policy) == ALLOW


def _statements(doc: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if not isinstance(doc, Mapping):
        return []
    found = doc.get("Statement")
    found = found if isinstance(found, list) else [found]
    return [s for s in found if isinstance(s, Mapping)]


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _matches(statement: Mapping[str, Any], request: Request, resource_policy: bool) -> bool:
    if resource_policy:
        if "Principal" in statement:
            if not principal_matches(statement["Principal"], request.principal):
                return False
        elif "NotPrincipal" in statement:
            if principal_matches(statement["NotPrincipal"], request.principal):
                return False
        else:
            return False
    if "Action" in statement:
        if not any(action_matches(p, request.action) for p in _listed(statement["Action"])):
            return False
    elif "NotAction" in statement:
        if any(action_matches(p, request.action) for p in _listed(statement["NotAction"])):
            return False
    else:
        return False
    if "Resource" in statement or "NotResource" in statement:
        negated = "Resource" not in statement
        patterns = _listed(statement["NotResource" if negated else "Resource"])
        if any(resource_matches(p, request.resource, request.context) for p in patterns) == negated:
            return False
    return conditions_match(statement.get("Condition"), request.context)


# --- principals ------------------------------------------------------------------------------------------------


def principal_matches(element: Any, who: Principal) -> bool:
    """A Principal element names the caller: ``"*"`` anyone; ``{"Service": host}`` that service; ``{"AWS": x}``
    with ``x`` an account id or its root ARN (any principal of that account, which IAM then authorises), or the
    ARN of the role or user (an assumed-role session of a role counts as the role)."""
    if element == "*":
        return True
    if not isinstance(element, Mapping):
        return False
    for kind, values in element.items():
        for value in _listed(values):
            if not isinstance(value, str):
                continue
            if value == "*" and kind == "AWS":
                return True
            if kind == "Service" and who.service and value.lower() == who.service.lower():
                return True
            if kind == "AWS" and not who.service and _aws_principal_matches(value, who):
                return True
    return False


def _aws_principal_matches(value: str, who: Principal) -> bool:
    account = who.account or (who.arn.split(":")[4] if who.arn.count(":") >= 5 else "")
    if _ACCOUNT.match(value):
        return value == account
    if value.startswith("arn:") and value.endswith(":root"):
        return value.split(":")[4] == account
    return bool(who.arn) and (value == who.arn or value == _role_of_session(who.arn))


def _role_of_session(arn: str) -> str:
    """``arn:aws:sts::A:assumed-role/R/session`` as the role ARN ``arn:aws:iam::A:role/R``."""
    parts = arn.split(":", 5)
    if len(parts) == 6 and parts[2] == "sts" and parts[5].startswith("assumed-role/"):
        role = parts[5].split("/")[1]
        return f"arn:{parts[1]}:iam::{parts[4]}:role/{role}"
    return ""


# --- actions and resources -------------------------------------------------------------------------------------


@cache
def _glob(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """IAM wildcards: ``*`` any run of characters, ``?`` one character, everything else literal."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(f"^{body}$", re.DOTALL | (re.IGNORECASE if ignore_case else 0))


def action_matches(pattern: Any, action: str) -> bool:
    """Actions compare without regard to case; ``*`` and ``?`` are wildcards (``kms:GenerateDataKey*``)."""
    return isinstance(pattern, str) and bool(_glob(pattern, True).match(action))


def resource_matches(pattern: Any, resource: str, context: Mapping[str, Any] | None = None) -> bool:
    """Resource ARNs compare case-sensitively with wildcards; policy variables (``${aws:SourceAccount}``) are
    replaced from the request context (an absent variable matches nothing)."""
    if not isinstance(pattern, str):
        return False
    pattern = _substitute(pattern, context or {})
    return pattern is not None and bool(_glob(pattern, False).match(resource))


_VARIABLE = re.compile(r"\$\{([^}]+)\}")
_SPECIAL = {"*": "*", "?": "?", "$": "$"}


def _substitute(text: str, context: Mapping[str, Any]) -> str | None:
    missing = False

    def one(m: re.Match[str]) -> str:
        nonlocal missing
        name = m.group(1)
        if name in _SPECIAL:
            return _SPECIAL[name]
        key, _, default = name.partition(",")
        value = _context_value(context, key.strip())
        if value is None:
            if default:
                return default.strip().strip("'\"")
            missing = True
            return ""
        return str(value[0]) if isinstance(value, list) else str(value)

    out = _VARIABLE.sub(one, text)
    return None if missing else out


# --- conditions ------------------------------------------------------------------------------------------------


def _context_value(context: Mapping[str, Any], key: str) -> Any:
    """Condition keys are case-insensitive; an absent key is None."""
    if key in context:
        return context[key]
    lowered = key.lower()
    for name, value in context.items():
        if name.lower() == lowered:
            return value
    return None


def conditions_match(block: Any, context: Mapping[str, Any]) -> bool:
    """Every operator of the Condition block matches (AND), each over every key it names (AND)."""
    if not block:
        return True
    if not isinstance(block, Mapping):
        return False
    for operator, tests in block.items():
        if not isinstance(tests, Mapping):
            return False
        for key, expected in tests.items():
            if not condition_matches(operator, key, expected, context):
                return False
    return True


# Each negated operator and the positive operator it inverts.
_NEGATED = {
    "StringNotEquals": "StringEquals",
    "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
    "StringNotLike": "StringLike",
    "NumericNotEquals": "NumericEquals",
    "DateNotEquals": "DateEquals",
    "ArnNotEquals": "ArnEquals",
    "ArnNotLike": "ArnLike",
    "NotIpAddress": "IpAddress",
}


def condition_matches(operator: str, key: str, expected: Any, context: Mapping[str, Any]) -> bool:
    """One ``operator: {key: values}`` test. The values of a key are ORed (for a negated operator: none may
    match). A key absent from the request fails the test unless the operator is negated, ends in IfExists, is
    ``Null: true`` or is qualified ``ForAllValues``. Unknown operators match nothing (AWS refuses them)."""
    qualifier = ""
    if ":" in operator:
        qualifier, _, operator = operator.partition(":")
        if qualifier not in ("ForAnyValue", "ForAllValues"):
            return False
    if_exists = operator.endswith("IfExists") and operator != "IfExists"
    base = operator[: -len("IfExists")] if if_exists else operator
    values = _listed(expected)
    actual = _context_value(context, key)
    if base == "Null":
        want_absent = str(values[0]).lower() == "true" if values else True
        present = actual is not None and actual != []
        return present != want_absent
    negated = base in _NEGATED
    compare = _COMPARATORS.get(_NEGATED.get(base, base))
    if compare is None:
        return False
    if actual is None or actual == []:
        if qualifier == "ForAllValues":
            return True
        if qualifier == "ForAnyValue":
            return False
        return if_exists or negated
    request_values = _listed(actual)

    def hit(value: Any) -> bool:
        return any(compare(value, _substitute(str(e), context) if isinstance(e, str) else e) for e in values)

    def passes(value: Any) -> bool:
        return not hit(value) if negated else hit(value)

    if qualifier == "ForAllValues":
        return all(passes(v) for v in request_values)
    if qualifier == "ForAnyValue":
        return any(passes(v) for v in request_values)
    # A single-valued test over a multivalued context value: negated, no value may match; else any may.
    return all(passes(v) for v in request_values) if negated else any(passes(v) for v in request_values)


def _str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _equals(actual: Any, expected: Any) -> bool:
    return expected is not None and _str(actual) == _str(expected)


def _equals_ignore_case(actual: Any, expected: Any) -> bool:
    return expected is not None and _str(actual).lower() == _str(expected).lower()


def _like(actual: Any, expected: Any) -> bool:
    return expected is not None and bool(_glob(_str(expected), False).match(_str(actual)))


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _numeric(test):
    def compare(actual: Any, expected: Any) -> bool:
        a, e = _number(actual), _number(expected)
        return a is not None and e is not None and test(a, e)

    return compare


def _date_value(value: Any) -> float | None:
    number = _number(value)
    if number is not None:
        return number
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def _date(test):
    def compare(actual: Any, expected: Any) -> bool:
        a, e = _date_value(actual), _date_value(expected)
        return a is not None and e is not None and test(a, e)

    return compare


def _bool(actual: Any, expected: Any) -> bool:
    return _str(actual).lower() == _str(expected).lower()


def _ip(actual: Any, expected: Any) -> bool:
    try:
        return ipaddress.ip_address(str(actual)) in ipaddress.ip_network(str(expected), strict=False)
    except ValueError:
        return False


def _arn_like(actual: Any, expected: Any) -> bool:
    """ArnEquals and ArnLike: each of the six colon-separated parts matches, with wildcards, case-sensitively."""
    a, e = _str(actual).split(":", 5), _str(expected).split(":", 5)
    if len(a) != 6 or len(e) != 6:
        return False
    return all(_glob(p, False).match(v) for p, v in zip(e, a, strict=True))


_COMPARATORS = {
    "StringEquals": _equals,
    "StringEqualsIgnoreCase": _equals_ignore_case,
    "StringLike": _like,
    "NumericEquals": _numeric(lambda a, e: a == e),
    "NumericLessThan": _numeric(lambda a, e: a < e),
    "NumericLessThanEquals": _numeric(lambda a, e: a <= e),
    "NumericGreaterThan": _numeric(lambda a, e: a > e),
    "NumericGreaterThanEquals": _numeric(lambda a, e: a >= e),
    "DateEquals": _date(lambda a, e: a == e),
    "DateLessThan": _date(lambda a, e: a < e),
    "DateLessThanEquals": _date(lambda a, e: a <= e),
    "DateGreaterThan": _date(lambda a, e: a > e),
    "DateGreaterThanEquals": _date(lambda a, e: a >= e),
    "Bool": _bool,
    "BinaryEquals": _equals,
    "IpAddress": _ip,
    "ArnEquals": _arn_like,
    "ArnLike": _arn_like,
}
OPERATORS = frozenset({*_COMPARATORS, *_NEGATED, "Null"})
"""Every condition operator AWS accepts, without the IfExists suffix or the set qualifiers."""


def missing(
    doc: Mapping[str, Any] | None, requests: Iterable[Request], *, resource_policy: bool = True
) -> list[Request]:
    """The requests ``doc`` does not allow, in order."""
    return [r for r in requests if not allows(doc, r, resource_policy=resource_policy)]


def actions_of(requests: Sequence[Request]) -> str:
    """The actions of ``requests`` as a message lists them: ``kms:Decrypt, kms:GenerateDataKey``."""
    return ", ".join(dict.fromkeys(r.action for r in requests))
