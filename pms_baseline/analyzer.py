"""Drive the HIPAA pack through the Analyzer protocol, in process: the calls the Pulumi engine makes, no socket.

The engine talks to a policy pack over gRPC: ``GetAnalyzerInfo`` (policies, their enforcement and config
schema), ``Configure`` (the merged policy config), ``Analyze`` once per resource and ``AnalyzeStack`` once with
every resource. Here the policy SDK's own servicer, built from the same ``policies()`` the pack's
``__main__.py`` hands to ``PolicyPack``, receives those requests as protobuf messages. Properties travel as
``google.protobuf.Struct`` (so every number is a double, as in the engine), secrets as secret envelopes and
unknowns as the engine's sentinels. A verdict that rests on an unknown comes back the way the SDK reports a policy
that met an unknown during preview, an ADVISORY diagnostic "can't run policy ... during preview: <reason>"
(``pack.py`` says why); ``collect`` turns it into the same advisory finding the direct evaluation reports.

``pms_baseline.gate.evaluate`` calls the rules directly and is the gate's default because it is an order of
magnitude faster at scale (the SDK deserializes a resource's properties once per policy); the tests prove that
both paths report the same findings on every stack and fixture.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2 as proto
from pulumi_policy import EnforcementLevel
from pulumi_policy.policy import _PolicyAnalyzerServicer

from pms_baseline.findings import ADVISORY, Finding
from pms_baseline.judge import judged, rule_finding
from pms_baseline.state import SECRET, SECRET_SIG, SIG_KEY, UNKNOWN, UNKNOWN_VALUE, Resource, StateDocument
from pms_baseline_pack.pack import PACK_NAME, SECRET_MARKER, policies
from pms_baseline_pack.rules import by_id
from pms_baseline_pack.rules.roles import ROLE_KEY, STACK_TYPE
from pms_baseline_pack.rules.unknowns import UNKNOWN_AT_PREVIEW

_LEVELS = {proto.ADVISORY: "advisory", proto.MANDATORY: "mandatory", proto.DISABLED: "disabled",
           proto.REMEDIATE: "mandatory"}
_TO_PROTO = {"advisory": proto.ADVISORY, "mandatory": proto.MANDATORY, "disabled": proto.DISABLED}


def servicer() -> _PolicyAnalyzerServicer:
    """The policy SDK's Analyzer servicer for this pack, as ``PolicyPack(...)`` would serve it."""
    return _PolicyAnalyzerServicer(PACK_NAME, "0.1.0", policies(), EnforcementLevel.MANDATORY, None, None, None,
                                   None, "aws", None, None)


def wire(value: Any) -> Any:
    """A cleaned property value in the engine's wire form: secrets as envelopes, unknowns as the sentinel."""
    if value is SECRET:
        return {SIG_KEY: SECRET_SIG, "value": SECRET_MARKER}
    if value is UNKNOWN:
        return UNKNOWN_VALUE
    if isinstance(value, Mapping):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [wire(v) for v in value]
    return value


def _struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    s = struct_pb2.Struct()
    s.update(wire(props))
    return s


def configure_request(settings: Mapping[str, Any]) -> proto.ConfigureAnalyzerRequest:
    """``settings`` as ``gate.merge_config`` returns them: rule id -> RuleSettings."""
    req = proto.ConfigureAnalyzerRequest()
    for rule_id, s in settings.items():
        cfg = proto.PolicyConfig(enforcementLevel=_TO_PROTO[s.enforcement])
        if s.params:
            cfg.properties.update(s.params)
        req.policyConfig[rule_id].CopyFrom(cfg)
    return req


def analyze_request(r: Resource) -> proto.AnalyzeRequest:
    return proto.AnalyzeRequest(type=r.type, properties=_struct(r.props), urn=r.urn, name=r.name)


def stack_request(resources: list[Resource], role: str | None = None) -> proto.AnalyzeStackRequest:
    """``resources`` as the engine sends them to ``AnalyzeStack``; with ``role``, the root stack first, its output
    ``pms-baseline:stackRole`` saying the role the gate resolved (``pms_baseline.roles``), as a program that exports
    it shows the engine."""
    req = proto.AnalyzeStackRequest()
    if role is not None:
        root = f"urn:pulumi:{_stack_of(resources)}::pms-baseline-gate::{STACK_TYPE}::root"
        req.resources.append(proto.AnalyzerResource(type=STACK_TYPE, properties=_struct({ROLE_KEY: role}), urn=root,
                                                    name="root"))
    for r in resources:
        item = proto.AnalyzerResource(type=r.type, properties=_struct(r.props), urn=r.urn, name=r.name,
                                      parent=r.parent or "", dependencies=list(r.dependencies))
        for key, urns in r.property_dependencies.items():
            item.propertyDependencies[key].urns.extend(urns)
        req.resources.append(item)
    return req


def _stack_of(resources: list[Resource]) -> str:
    return next((r.urn.split("::")[0].removeprefix("urn:pulumi:") for r in resources), "stack")


def _finding(d: proto.AnalyzeDiagnostic, by_urn: Mapping[str, Resource], fallback: Resource | None) -> Finding:
    prefix = d.description + "\n"
    message = d.message[len(prefix):] if d.message.startswith(prefix) else d.message
    resource = by_urn.get(d.urn) if d.urn else fallback
    return rule_finding(by_id()[d.policyName], _LEVELS[d.enforcementLevel], resource, message)


_DURING_PREVIEW = " during preview: "


def unknown_findings(d: proto.AnalyzeDiagnostic, by_urn: Mapping[str, Resource],
                     fallback: Resource | None) -> list[Finding]:
    """The advisory findings of a policy's "can't run ... during preview: unknown at preview" diagnostic (one
    per line of a stack policy's, ``<urn>: unknown at preview: ...``); empty for any other diagnostic."""
    reason = d.message.split(_DURING_PREVIEW, 1)[1] if _DURING_PREVIEW in d.message else ""
    rule = by_id().get(d.policyName)
    if rule is None or d.enforcementLevel != proto.ADVISORY or UNKNOWN_AT_PREVIEW not in reason:
        return []
    found = []
    for line in reason.split("\n"):
        if line.startswith(UNKNOWN_AT_PREVIEW):
            found.append(rule_finding(rule, ADVISORY, fallback, line))
        else:
            urn, _, message = line.partition(": " + UNKNOWN_AT_PREVIEW)
            found.append(rule_finding(rule, ADVISORY, by_urn.get(urn), UNKNOWN_AT_PREVIEW + message))
    return found


def analyze(doc: StateDocument, settings: Mapping[str, Any],
            role: str | None = None) -> tuple[list[Finding], list[str]]:
    """Findings of the pack on ``doc`` through the Analyzer protocol (a verdict that rests on an unknown value
    as its advisory finding), and any other engine-level diagnostic as a message; ``role`` is the stack's role,
    sent as the root stack's output (None: what the resources declare)."""
    svc = servicer()
    info = svc.GetAnalyzerInfo(None, None)
    known = {p.name for p in info.policies}
    svc.Configure(configure_request({k: v for k, v in settings.items() if k in known}), None)
    resources = judged(doc)
    by_urn = {r.urn: r for r in resources}
    findings: list[Finding] = []
    notes: list[str] = []

    def collect(response: proto.AnalyzeResponse, fallback: Resource | None) -> None:
        for d in response.diagnostics:
            if d.policyName in known and d.message.startswith(d.description):
                findings.append(_finding(d, by_urn, fallback))
            elif d.policyName in known and (unknown := unknown_findings(d, by_urn, fallback)):
                findings.extend(unknown)
            else:
                notes.append(d.message)

    for r in resources:
        collect(svc.Analyze(analyze_request(r), None), r)
    collect(svc.AnalyzeStack(stack_request(resources, role), None), None)
    return findings, notes


def analyzer_info() -> dict[str, Any]:
    """``GetAnalyzerInfo`` as JSON: what the Pulumi CLI shows and publishes for the pack."""
    return json_format.MessageToDict(servicer().GetAnalyzerInfo(None, None))
