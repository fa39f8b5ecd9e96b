"""The rule catalogue: metadata declared once, checks that are pure functions of properties.

A rule file declares one rule with ``resource_rule`` or ``stack_rule``. Its check imports neither Pulumi nor
boto3, so the same logic judges a preview, a ``pulumi stack export`` and a live account's description.

- A resource rule's check is ``check(props, config) -> list[str]``: ``props`` are the resource's properties
  with camelCase engine names (as the policy SDK and the state document carry them), ``config`` the rule's
  tunables with defaults filled in; it returns violation messages, and an empty list passes.
- A stack rule's check is ``check(resources, config) -> list[Violation]`` over ``StackResource`` views of
  every resource in the stack; a violation may name the resource it is about.

A message names the property, the value found and the fix, and ends with the citation, e.g.
``storageEncrypted is false; use PhiDatabase or set storage_encrypted=True with the data key (164.312(a)(2)(iv))``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SEVERITIES = ("low", "medium", "high", "critical")
ENFORCEMENT_LEVELS = ("advisory", "mandatory", "disabled")
SCOPES = ("workload", "account")
"""What a rule judges: a stack's own resources (``workload``, the default), or a setting AWS keeps once per account
or per account and Region, which one stack of the account declares for all (``account``; stack rules only). A
stack whose role is ``workload`` is not judged by account rules (``rules.roles``)."""


PRODUCTION_ENVIRONMENT = (r"(^|[-_.])(prod|production|prd)([-_.]|$)",
                          "names a production environment, which no exemption or test list may name")
"""An environment name a word of which (split at ``-``, ``_`` or ``.``) is prod, production or prd: the stacks a
list of exempt, non-production or test environments may never reach. ``(regex searched, why refused)``."""
ENVIRONMENT_NAME = (r"[a-z][a-z0-9._-]*", "a lower-case environment name (no wildcard, no empty name)")
"""The form of an item of an environment list: the value of an ``environment`` tag, compared exactly."""

_JSON_TYPES: dict[str, Any] = {"integer": int, "number": (int, float), "string": str, "boolean": bool, "array": list}


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _is_type(value: Any, type_: str) -> bool:
    if type_ in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _JSON_TYPES.get(type_, object))


@dataclass(frozen=True)
class ConfigParam:
    """A tunable of a rule, exposed in the pack's config schema, with its bound in the direction that loosens.

    The bound is declared here, not in the rule: ``refusal`` applies it to a value (the gate refuses a loosening
    config as an input error) and ``schema`` states as much of it as JSON schema can, for the Pulumi engine."""

    type: str
    """JSON schema type: integer, number, string, boolean or array."""
    default: Any
    """The value used when the user's pack config does not set it."""
    description: str
    """What the tunable controls."""
    minimum: int | None = None
    """For numbers: the lowest value a user may set (a compliance floor)."""
    maximum: int | None = None
    """For numbers: the highest value a user may set (the cap on a ceiling, a number that loosens when raised)."""
    choices: tuple[Any, ...] = ()
    """For a scalar: the only values it may take; for an array: the only items it may hold (a subset of these)."""
    items: str = ""
    """For an array: the JSON schema type of its items."""
    item_form: tuple[str, str] | None = None
    """For an array: ``(regex, what it is)`` every item must match in full, e.g. a 12-digit account id."""
    item_refused: tuple[str, str] | None = None
    """For an array: ``(regex, why)`` no item may match anywhere, e.g. a production environment's name."""
    keep_defaults: bool = False
    """For an array of required items: a user may add items but not drop a default one."""

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "default": self.default, "description": self.description}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.type != "array":
            if self.choices:
                out["enum"] = list(self.choices)
            return out
        items: dict[str, Any] = {"type": self.items} if self.items else {}
        if self.choices:
            items["enum"] = list(self.choices)
        if self.item_form:
            items["pattern"] = f"^(?:{self.item_form[0]})$"
        if self.item_refused:
            items["not"] = {"pattern": self.item_refused[0]}
        if items:
            out["items"] = items
        if self.keep_defaults:
            out["allOf"] = [{"contains": {"const": d}} for d in self.default]
        return out

    def refusal(self, value: Any) -> str | None:
        """Why ``value`` is refused (its type, or the bound it would loosen past), or None when it is allowed."""
        if not _is_type(value, self.type):
            return f"{_shown(value)} is not of type {self.type}"
        if self.minimum is not None and value < self.minimum:
            return f"{value} is below the minimum of {self.minimum}"
        if self.maximum is not None and value > self.maximum:
            return f"{value} is above the maximum of {self.maximum}"
        if self.type != "array":
            if self.choices and value not in self.choices:
                return f"{_shown(value)} would loosen the rule; it may only be {_either(self.choices)}"
            return None
        for item in value:
            if self.items and not _is_type(item, self.items):
                return f"item {_shown(item)} is not of type {self.items}"
            if self.choices and item not in self.choices:
                return f"item {_shown(item)} would loosen the rule; items may only be {_either(self.choices)}"
            if self.item_form and not re.fullmatch(self.item_form[0], str(item)):
                return f"item {_shown(item)} is not {self.item_form[1]}"
            if self.item_refused and re.search(self.item_refused[0], str(item)):
                return f"item {_shown(item)} {self.item_refused[1]}"
        dropped = [d for d in self.default if d not in value] if self.keep_defaults else []
        if dropped:
            return (f"drops {_either(dropped, 'and')}; it may add items but must keep every default "
                    f"({_either(self.default, 'and')})")
        return None


def _either(values: Sequence[Any], word: str = "or") -> str:
    shown = [_shown(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {word} {shown[-1]}"


def environment_list(default: list[str], description: str, **bounds: Any) -> ConfigParam:
    """An array of environment names that exempts or relaxes (exempt, non-production, test environments): its
    items are plain names and none names production (``PRODUCTION_ENVIRONMENT``, unless ``bounds`` say more)."""
    return ConfigParam("array", default, description, items="string", item_form=ENVIRONMENT_NAME,
                       **{"item_refused": PRODUCTION_ENVIRONMENT, **bounds})


def starting_with(prefixes: Sequence[str]) -> tuple[str, str]:
    """An ``item_form`` for an allow-list of name prefixes that may only narrow ``prefixes``: every item begins with
    one of them, so no item is empty, shorter than they are, or a wildcard."""
    escaped = ("".join(f"\\{c}" if c in ".^$*+?()[]{}|\\" else c for c in p) for p in prefixes)
    return f"(?:{'|'.join(escaped)}).*", f"a prefix that begins with {_either(list(prefixes))}"


@dataclass(frozen=True)
class StackResource:
    """What a stack rule sees of one resource."""

    urn: str
    type: str
    name: str
    props: Mapping[str, Any]
    parent: str = ""
    dependencies: Sequence[str] = ()
    property_dependencies: Mapping[str, Sequence[str]] = field(default_factory=dict)
    id: str = ""
    """The provider's id for the resource, where the document has one (exports and previews do)."""


@dataclass(frozen=True)
class Violation:
    """A stack rule's finding; ``urn`` is empty when it is about the stack as a whole (something missing)."""

    message: str
    urn: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and check. Everything else (pack, reports, coverage) derives from this."""

    id: str
    title: str
    severity: str
    citations: tuple[str, ...]
    resource_types: tuple[str, ...]
    remediation: str
    check: Callable[..., Any]
    kind: str = "resource"
    description: str = ""
    aws_config_rules: tuple[str, ...] = ()
    checkov_ids: tuple[str, ...] = ()
    config: Mapping[str, ConfigParam] = field(default_factory=dict)
    module: str = ""
    sources: tuple[str, ...] = ()
    """AWS documentation pages a deploy-readiness (contract) rule encodes; such a rule may have no citation."""
    enforcement: str = "mandatory"
    """The level the rule runs at when the policy config sets none (neither ``all`` nor the rule's own entry):
    mandatory unless the rule declares otherwise (advisory: advice that must not block a deploy)."""
    scope: str = "workload"
    """``account`` for a stack rule about an account-wide setting (a trail, a recorder, a detector, the password
    policy, ...): it applies to ``account-baseline`` and ``standalone`` stacks and, when several stacks are judged
    as one account, to all their resources together (``SCOPES``)."""

    def defaults(self) -> dict[str, Any]:
        return {k: p.default for k, p in self.config.items()}

    def run_resource(self, props: Mapping[str, Any], config: Mapping[str, Any] | None = None) -> list[str]:
        return list(self.check(props, {**self.defaults(), **(config or {})}))

    def run_stack(
        self, resources: Sequence[StackResource], config: Mapping[str, Any] | None = None
    ) -> list[Violation]:
        return list(self.check(resources, {**self.defaults(), **(config or {})}))


def _declare(kind: str, **meta: Any) -> Callable[[Callable[..., Any]], Rule]:
    def wrap(fn: Callable[..., Any]) -> Rule:
        if meta.get("severity") not in SEVERITIES:
            raise ValueError(f"{meta.get('id')}: severity must be one of {SEVERITIES}")
        if meta.get("enforcement", "mandatory") not in ENFORCEMENT_LEVELS:
            raise ValueError(f"{meta.get('id')}: enforcement must be one of {ENFORCEMENT_LEVELS}")
        if meta.get("scope", "workload") not in SCOPES or (meta.get("scope") == "account" and kind != "stack"):
            raise ValueError(f"{meta.get('id')}: scope must be one of {SCOPES}; account only for a stack rule")
        return Rule(
            kind=kind,
            check=fn,
            module=fn.__module__,
            description=meta.pop("description", "") or (fn.__doc__ or "").strip().split("\n")[0],
            citations=tuple(meta.pop("citations")),
            resource_types=tuple(meta.pop("resource_types")),
            aws_config_rules=tuple(meta.pop("aws_config_rules", ())),
            checkov_ids=tuple(meta.pop("checkov_ids", ())),
            sources=tuple(meta.pop("sources", ())),
            **meta,
        )

    return wrap


def resource_rule(**meta: Any) -> Callable[[Callable[..., Any]], Rule]:
    """Declare a resource rule: ``@resource_rule(id=..., title=..., ...)`` over ``check(props, config)``."""
    return _declare("resource", **meta)


def stack_rule(**meta: Any) -> Callable[[Callable[..., Any]], Rule]:
    """Declare a stack rule: ``@stack_rule(id=..., title=..., ...)`` over ``check(resources, config)``."""
    return _declare("stack", **meta)


@cache
def catalogue() -> tuple[Rule, ...]:
    """Every rule in ``rules/<service>/<rule>.py``, sorted by id."""
    found: list[Rule] = []
    for pkg in pkgutil.iter_modules(__path__, f"{__name__}."):
        if not pkg.ispkg:
            continue
        package = importlib.import_module(pkg.name)
        for mod in pkgutil.iter_modules(package.__path__, f"{pkg.name}."):
            module = importlib.import_module(mod.name)
            found.extend(v for v in vars(module).values() if isinstance(v, Rule) and v.module == module.__name__)
    return tuple(sorted(found, key=lambda r: r.id))


def by_id() -> dict[str, Rule]:
    return {r.id: r for r in catalogue()}
