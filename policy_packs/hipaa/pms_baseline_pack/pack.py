"""The CrossGuard policies, built from the rule catalogue: one Pulumi policy per rule, metadata declared once.

``policies()`` is what ``__main__.py`` hands to ``PolicyPack`` when the Pulumi CLI runs the pack, and what
``pms_baseline.analyzer`` hands to the policy SDK's own Analyzer servicer when the gate drives the pack offline.
A policy's ``validate`` unwraps the SDK's property proxies into plain values (unknowns and secrets become the
opaque markers the rules treat as neither passing nor failing) and calls the rule's pure check.

A stack policy of an account rule (``Rule.scope``) in a ``workload`` stack calls the SDK's ``not_applicable``, so
the engine reports it as not applicable, not passed; the role is what the stack's resources declare
(``rules.roles``: the ``pms-baseline:stackRole`` tag, or the root stack's output of that name).

A verdict that rests on a value the preview does not know (``rules.unknowns``) is advisory whatever the policy's
enforcement level, and CrossGuard reports a policy's violations only at that level. So the violations that stand
are reported as violations, and the rest of the verdict the way the policy SDK itself reports a policy that met
an unknown value during preview: ``validate`` raises ``UnknownValueError``, which the SDK turns into an
ADVISORY diagnostic "can't run policy '<id>' ... during preview: unknown at preview: <paths>; ...". A stack
policy's diagnostic has one line per resource, ``<urn>: unknown at preview: ...``. ``pms_baseline.analyzer``
reads both back into the same advisory findings the gate's direct evaluation reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyComplianceFramework,
    PolicyConfigSchema,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import (
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    UnknownValueError,
    _DictProxy,
    _ListProxy,
)

from pms_baseline_pack.opaque import SECRET, UNKNOWN
from pms_baseline_pack.rules import Rule, StackResource, catalogue
from pms_baseline_pack.rules.roles import applies, not_applicable_reason, role_of
from pms_baseline_pack.rules.unknowns import StackWatch, judge_resource, unknown_message

PACK_NAME = "pms-hipaa"
FRAMEWORK = PolicyComplianceFramework(
    name="HIPAA Security Rule",
    version="45 CFR Part 164 Subpart C",
    reference="https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C",
    specification="Administrative, physical and technical safeguards for electronic protected health information",
)
SECRET_MARKER = "[secret]"
"""How the offline driver sends a secret whose plaintext the state does not hold (an export's ciphertext)."""

_UNKNOWNS = frozenset({UNKNOWN_BOOLEAN_VALUE, UNKNOWN_NUMBER_VALUE, UNKNOWN_STRING_VALUE, UNKNOWN_ARRAY_VALUE,
                       UNKNOWN_OBJECT_VALUE})


def plain(value: Any) -> Any:
    """The SDK's view of a property as plain data: proxies unwrapped (reading through one raises on unknowns),
    unknown sentinels and the secret marker made opaque, and whole-number floats (protobuf Structs carry every
    number as a double) made integers."""
    if isinstance(value, (_DictProxy, _ListProxy)):
        value = value["__target"]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        if value in _UNKNOWNS:
            return UNKNOWN
        return SECRET if value == SECRET_MARKER else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class UnknownAtPreview(UnknownValueError):
    """Raised by a policy whose verdict rests on unknown values; the SDK reports it as an advisory diagnostic."""

    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)
        self.unknown_type_sentinel = ""
        self.props: list[str] = []
        self.message = message


def stack_unknown_lines(unknown: Mapping[str, tuple[str, ...]]) -> str:
    """A stack policy's unknown-at-preview diagnostic: one ``<urn>: <message>`` line per resource."""
    return "\n".join(f"{urn}: {unknown_message(paths)}" for urn, paths in unknown.items())


def _settings(rule: Rule, given: Mapping[str, Any] | None) -> dict[str, Any]:
    cfg = rule.defaults()
    for key, value in (given or {}).items():
        if key in rule.config:
            cfg[key] = plain(value)
    return cfg


def _tags(rule: Rule) -> list[str]:
    return ([f"hipaa:{c}" for c in rule.citations] + [f"aws-config:{n}" for n in rule.aws_config_rules]
            + [f"checkov:{c}" for c in rule.checkov_ids] + [f"aws-docs:{u}" for u in rule.sources])


def _schema(rule: Rule) -> PolicyConfigSchema | None:
    if not rule.config:
        return None
    return PolicyConfigSchema(properties={k: p.schema() for k, p in rule.config.items()})


def _resource_policy(rule: Rule) -> ResourceValidationPolicy:
    types = frozenset(rule.resource_types)

    def validate(args: ResourceValidationArgs, report_violation) -> None:
        if args.resource_type not in types:
            return
        found, unknown = judge_resource(rule.check, plain(args.props), _settings(rule, args.get_config()))
        for message in found:
            report_violation(message)
        if unknown:
            raise UnknownAtPreview(unknown_message(unknown))

    return ResourceValidationPolicy(name=rule.id, description=rule.title, validate=validate, **_meta(rule))


def _stack_policy(rule: Rule) -> StackValidationPolicy:
    def validate(args: StackValidationArgs, report_violation) -> None:
        views = [
            StackResource(
                urn=r.urn, type=r.resource_type, name=r.name, props=plain(r.props),
                parent=r.parent.urn if r.parent is not None else "",
                dependencies=tuple(d.urn for d in r.dependencies),
                property_dependencies={k: tuple(d.urn for d in v) for k, v in r.property_dependencies.items()},
            )
            for r in args.resources
        ]
        role = role_of(views)
        if not applies(rule, role):
            # A workload stack's account rules: the policy SDK reports them as not applicable, never as passed.
            args.not_applicable(not_applicable_reason(role))
        found, unknown = StackWatch(views).judge(rule.check, _settings(rule, args.get_config()))
        for v in found:
            report_violation(v.message, v.urn or None)
        if unknown:
            raise UnknownAtPreview(stack_unknown_lines(unknown))

    return StackValidationPolicy(name=rule.id, description=rule.title, validate=validate, **_meta(rule))


def _meta(rule: Rule) -> dict[str, Any]:
    return {
        "enforcement_level": EnforcementLevel(rule.enforcement),
        "config_schema": _schema(rule),
        "severity": Severity(rule.severity),
        "framework": FRAMEWORK,
        "tags": _tags(rule),
        "remediation_steps": rule.remediation,
    }


def policies() -> list[ResourceValidationPolicy | StackValidationPolicy]:
    """One policy per rule of the catalogue, in id order."""
    return [_resource_policy(r) if r.kind == "resource" else _stack_policy(r) for r in catalogue()]
