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
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SEVERITIES = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class ConfigParam:
    """A tunable of a rule, exposed in the pack's config schema."""

    type: str
    """JSON schema type: integer, number, string, boolean or array."""
    default: Any
    """The value used when the user's pack config does not set it."""
    description: str
    """What the tunable controls."""
    minimum: int | None = None
    """For numbers: the lowest value a user may set (a compliance floor)."""

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "default": self.default, "description": self.description}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        return out


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
