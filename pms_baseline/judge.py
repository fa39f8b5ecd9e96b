"""The pack's rules applied to a state document: policy config merged as the Pulumi engine merges it, every
enabled rule run in process, findings built from the rules' metadata.

A verdict that rests on a value the state does not know (a preview's unknown) is not a pass or a failure but one
advisory finding per rule and resource, "unknown at preview: <property paths>; ..." (``rules.unknowns``); the
CrossGuard policies report the same through the policy SDK (``pack.py``).

The config is the shape ``pulumi preview --policy-pack-config`` takes: ``{"all": level, "<rule-id>": level |
{"enforcementLevel": level, "<param>": v}}``, over the schema's defaults. The gate (``gate.py``) and the Analyzer
driver (``analyzer.py``) both stand on this module, so neither needs the other.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pms_baseline import jsontext, reads
from pms_baseline.errors import InputError
from pms_baseline.findings import ADVISORY, Finding, ResourceRef
from pms_baseline.state import Resource, StateDocument
from pms_baseline_pack.rules import SCOPES, Rule, StackResource, catalogue
from pms_baseline_pack.rules.props import type_index
from pms_baseline_pack.rules.roles import DEFAULT_ROLE, applies
from pms_baseline_pack.rules.unknowns import StackWatch, holds_unknown, judge_resource, unknown_message

LEVELS = ("advisory", "mandatory", "disabled")


@dataclass(frozen=True)
class RuleSettings:
    """A rule's effective enforcement and tunables after merging."""

    enforcement: str
    params: dict[str, Any] = field(default_factory=dict)


def _check_level(where: str, level: Any) -> str:
    if level not in LEVELS:
        raise InputError(f"{where}: enforcement level {level!r} is not one of {', '.join(LEVELS)}")
    return level


def merge_config(user: Mapping[str, Any] | None, rules: tuple[Rule, ...] | None = None) -> dict[str, RuleSettings]:
    """The rule's own default level (``Rule.enforcement``) and the schema's defaults < ``all`` < the rule's own
    entry, as the Pulumi engine reconciles a pack's config; unknown rules, params, bad values and values past a
    param's bound (a loosening: ``ConfigParam.refusal``) are input errors."""
    rules = rules if rules is not None else catalogue()
    user = dict(user or {})
    known = {r.id: r for r in rules}
    for key in user:
        if key != "all" and key not in known:
            raise InputError(f"policy config: no rule named {key!r}")
    base_level: str | None = None
    if "all" in user:
        entry = user["all"]
        base_level = _check_level("policy config 'all'",
                                  entry.get("enforcementLevel") if isinstance(entry, Mapping) else entry)
    out: dict[str, RuleSettings] = {}
    for rule in rules:
        level, params = base_level or rule.enforcement, rule.defaults()
        entry = user.get(rule.id)
        if isinstance(entry, str):
            level = _check_level(f"policy config '{rule.id}'", entry)
        elif isinstance(entry, Mapping):
            for key, value in entry.items():
                if key == "enforcementLevel":
                    level = _check_level(f"policy config '{rule.id}'", value)
                    continue
                param = rule.config.get(key)
                if param is None:
                    raise InputError(f"policy config '{rule.id}': no setting named {key!r}")
                # The param's type and its bound in the loosening direction (ConfigParam.refusal): a config
                # that would lower a floor, raise a cap, exempt prod or widen an allow-list is an input error.
                refused = param.refusal(value)
                if refused:
                    raise InputError(f"policy config '{rule.id}.{key}': {refused}")
                params[key] = value
        elif entry is not None:
            raise InputError(f"policy config '{rule.id}': expected a level or an object")
        out[rule.id] = RuleSettings(level, params)
    return out


def read_config(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    try:
        data = jsontext.loads(p.read_bytes().decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except jsontext.NotJSON as exc:
        raise InputError(f"{p}: not valid JSON ({exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text") from None
    if not isinstance(data, dict):
        raise InputError(f"{p}: policy config must be a JSON object")
    return data


def judged(doc: StateDocument) -> list[Resource]:
    """The resources the engine hands a policy pack: custom resources, not providers."""
    return [r for r in doc.resources if r.custom and not r.type.startswith("pulumi:providers:")]


def stack_view(r: Resource, props: Mapping[str, Any] | None = None) -> StackResource:
    """What a stack rule sees of ``r`` (its properties, or ``props`` standing in for them)."""
    return StackResource(urn=r.urn, type=r.type, name=r.name, props=r.props if props is None else props,
                         parent=r.parent, dependencies=tuple(r.dependencies),
                         property_dependencies={k: tuple(v) for k, v in r.property_dependencies.items()}, id=r.id)


def _ref(r: Resource | None) -> ResourceRef:
    return ResourceRef(urn=r.urn, type=r.type, name=r.name, id=r.id) if r else ResourceRef()


def rule_finding(rule: Rule, level: str, resource: Resource | None, message: str) -> Finding:
    """A finding of the pack's ``rule`` at enforcement ``level`` on ``resource`` (None: the stack)."""
    return Finding(
        rule=rule.id, source="policy-pack", severity=rule.severity, enforcement=level,
        citations=rule.citations, aws_config_rules=rule.aws_config_rules, checkov_ids=rule.checkov_ids,
        resource=_ref(resource), message=message, remediation=rule.remediation, title=rule.title,
        location=resource.source_position if resource else "",
    )


def evaluate(doc: StateDocument, config: Mapping[str, Any] | None = None,
             rules: tuple[Rule, ...] | None = None, role: str = DEFAULT_ROLE,
             scopes: tuple[str, ...] = SCOPES) -> list[Finding]:
    """Run every enabled rule over ``doc``; resource rules per resource, stack rules once.

    Only rules that apply to a stack of ``role`` (``rules.roles.applies``: a workload stack skips account rules)
    and whose ``scope`` is one of ``scopes`` run; the config is merged over every rule all the same."""
    rules = rules if rules is not None else catalogue()
    settings = merge_config(config, rules)
    rules = tuple(r for r in rules if r.scope in scopes and applies(r, role))
    resources = judged(doc)
    rec = reads.current()  # the evidence's recorder: it takes the reads of this pass, so nothing judges twice
    by_urn = {r.urn: r for r in resources}
    # Which resources hold a value the state does not know: only their verdicts are watched.
    suspects = {r.urn for r in resources if holds_unknown(r.inputs) or holds_unknown(r.outputs)}
    watch = StackWatch([stack_view(r, rec.props(r) if rec else None) for r in resources], suspects)
    # One type index per evaluation: the pack's (every stack rule's of_type reads it), which the resource rules
    # and the evidence's recorder read too.
    by_type: dict[str, list[Resource]] = {
        kind: [resources[position] for position, _ in items] for kind, items in type_index(watch.views).items()
    }
    if rec:
        rec.index(by_type)
    findings: list[Finding] = []
    for rule in rules:
        s = settings[rule.id]
        if s.enforcement == "disabled":
            continue
        if rule.kind == "resource":
            if rec:
                rec.rule_ran(rule)
            for kind in dict.fromkeys(rule.resource_types):
                for r in by_type.get(kind, ()):
                    props = rec.props(r) if rec else r.props
                    found, unknown = judge_resource(rule.check, props, s.params, r.urn in suspects)
                    if rec:
                        rec.resource_judged(rule, r, s.params, r.urn in suspects)
                    findings.extend(rule_finding(rule, s.enforcement, r, m) for m in found)
                    if unknown:
                        findings.append(rule_finding(rule, ADVISORY, r, unknown_message(unknown)))
        else:
            found, unknowns = watch.judge(rule.check, s.params)
            if rec:
                rec.stack_judged(rule)
            for v in found:
                findings.append(rule_finding(rule, s.enforcement, by_urn.get(v.urn), v.message))
            for urn, paths in unknowns.items():
                findings.append(rule_finding(rule, ADVISORY, by_urn.get(urn), unknown_message(paths)))
    return findings
