"""The evidence model: one JSON-ready dict that ``evidence.json`` holds and ``index.html`` renders.

Everything in it derives from four sources, none written by hand here:

- the HIPAA citation list (``pms_baseline_pack.reference.citations()``): one control row per citation;
- the rule catalogue (``pms_baseline_pack.rules.catalogue()``): which rules support which citation, which
  resource types they judge, their remediation;
- the findings (the gate's report, and the verify command's for the live section);
- the state document, read RAW and redacted (``redact.Redactor``) before any value is taken from it;
- the pack's reference data on the AWS BAA, for the "Business associates" section (``associates``).

Which property values are a rule's evidence is found by running the rule's pure check over a recording view of
each resource's properties: the properties the check reads are the ones shown, with their redacted values.

A control's status:

- ``out_of_scope``: the citation is administrative only (reference ``iac=no``);
- ``not_met``: a finding (gate or live) comes from one of its rules or cites it;
- ``not_evidenced``: no rule of the catalogue judged anything for it in this state (no rule cites it, or its
  rules' resource types are absent), so the bundle cannot claim it;
- ``partial``: its rules pass, and the rest of the safeguard is administrative (reference ``iac=partial``);
- ``met``: its rules pass (reference ``iac=yes``).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from pms_baseline.evidence.redact import Redactor
from pms_baseline.state import Resource, StateDocument
from pms_baseline_pack.reference import citations

SCHEMA_VERSION = 1
STATUSES = ("met", "partial", "not_met", "not_evidenced", "out_of_scope")
STATUS_LABELS = {
    "met": "Met",
    "partial": "Partly met by infrastructure (rest administrative)",
    "not_met": "Not met",
    "not_evidenced": "Not evidenced by this state",
    "out_of_scope": "Out of scope for infrastructure",
}


class _Recording(dict):
    """A resource's properties that remember which keys a rule's check asked for."""

    __slots__ = ("seen",)

    def __init__(self, data: Mapping[str, Any], seen: set[str]) -> None:
        super().__init__(data)
        self.seen = seen

    def get(self, key, default=None):
        self.seen.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.seen.add(key)
        return super().__contains__(key)


def _rules() -> tuple[Any, ...]:
    from pms_baseline_pack.rules import catalogue

    return catalogue()


def _shown_properties(keys: Iterable[str], redacted: Mapping[str, Any]) -> dict[str, Any]:
    return {k: redacted.get(k) for k in sorted(keys) if isinstance(k, str)}


def _resource_ref(res: Resource) -> dict[str, str]:
    return {"urn": res.urn, "type": res.type, "name": res.name, "id": res.id}


class _View:
    """What the evidence pass needs of each resource, computed once: its reference, judged and shown props."""

    __slots__ = ("res", "ref", "props", "shown")

    def __init__(self, res: Resource, shown: dict[str, Any]) -> None:
        self.res = res
        self.ref = _resource_ref(res)
        self.props = res.props
        self.shown = shown


def _stack_views(views: list[_View]) -> tuple[list[Any], list[_Recording]]:
    """One StackResource per resource, over recording properties, built once per evidence pass (not once per
    stack rule: copying every resource's properties for each of 30 rules dominated a 10,000-resource bundle)."""
    from pms_baseline.gate import stack_view

    recordings = [_Recording(view.props, set()) for view in views]
    stack_views = [stack_view(view.res, recording) for view, recording in zip(views, recordings, strict=True)]
    return stack_views, recordings


def _judged(
    rule: Any, views: list[_View], by_type: Mapping[str, list[_View]], shared: dict[str, Any]
) -> list[dict[str, Any]]:
    """The resources a rule judged in this state, each with the properties its check read (redacted)."""
    out: list[dict[str, Any]] = []
    if rule.kind == "resource":
        for kind in rule.resource_types:
            for view in by_type.get(kind, ()):
                seen: set[str] = set()
                # Evidence shows what a check read before it gave up, if it does.
                with contextlib.suppress(Exception):
                    rule.run_resource(_Recording(view.props, seen))
                out.append({**view.ref, "properties": _shown_properties(seen, view.shown)})
        return out
    if "stack" not in shared:
        shared["stack"] = _stack_views(views)
    stack_views, recordings = shared["stack"]
    seen_by: list[set[str]] = []
    for recording in recordings:  # the views are shared by every stack rule; each rule gets fresh records
        recording.seen = set()
        seen_by.append(recording.seen)
    with contextlib.suppress(Exception):
        rule.run_stack(stack_views)
    types = set(rule.resource_types)
    for view, seen in zip(views, seen_by, strict=True):
        if seen or view.res.type in types:
            out.append({**view.ref, "properties": _shown_properties(seen, view.shown)})
    return out


def _finding(raw: Mapping[str, Any], index: int, source: str, redactor: Redactor) -> dict[str, Any]:
    resource = raw.get("resource") or {}
    if not isinstance(resource, Mapping):
        resource = {}
    finding = {
        "id": f"{'L' if source == 'live' else 'F'}{index:04d}",
        "rule": str(raw.get("rule", "")),
        "source": str(raw.get("source", source) or source),
        "severity": str(raw.get("severity", "") or ""),
        "enforcement": str(raw.get("enforcement", "") or ""),
        "citations": [str(c) for c in raw.get("citations") or []],
        "aws_config_rules": [str(c) for c in raw.get("aws_config_rules") or []],
        "checkov_ids": [str(c) for c in raw.get("checkov_ids") or []],
        "resource": {k: str(resource.get(k, "") or "") for k in ("urn", "type", "name", "id")},
        "message": str(raw.get("message", "") or ""),
        "remediation": str(raw.get("remediation", "") or ""),
    }
    also = [str(a) for a in raw.get("also_found_by") or [] if isinstance(a, str)]
    if also:  # one finding per problem: the other sources that flagged it
        finding["also_found_by"] = also
    return redactor.sweep_tree(finding)


def _report_section(
    report: Mapping[str, Any] | None, source: str, redactor: Redactor
) -> dict[str, Any] | None:
    if report is None:
        return None
    findings = [_finding(f, i + 1, source, redactor) for i, f in enumerate(report.get("findings") or [])]
    summary = report.get("summary") or {}
    mandatory = sum(1 for f in findings if f["enforcement"] == "mandatory")
    return {
        "source": str(report.get("source", source) or source),
        "target": redactor.sweep_tree(dict(report.get("target") or {})),
        "summary": {
            "resources": int(summary.get("resources", 0) or 0),
            "findings": len(findings),
            "mandatory": mandatory,
            "advisory": len(findings) - mandatory,
            "passed": mandatory == 0,  # from the findings, never from what a report says of itself
        },
        "findings": findings,
    }


def build_model(
    state: StateDocument,
    gate_report: Mapping[str, Any],
    verify_report: Mapping[str, Any] | None = None,
    *,
    state_file: str = "",
    state_sha256: str = "",
    generated: str = "",
    tool_version: str = "",
    baa_agreement: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole evidence model for ``state`` judged by ``gate_report`` (and ``verify_report``, if any);
    ``baa_agreement`` describes the AWS BAA attached to the bundle (``associates.business_associates``)."""
    from pms_baseline.evidence.associates import business_associates

    redactor = Redactor()
    views = [_View(res, redactor.resource(res.raw)) for res in state.resources]
    views_by_type: dict[str, list[_View]] = defaultdict(list)
    for view in views:
        views_by_type[view.res.type].append(view)

    gate = _report_section(gate_report, "gate", redactor)
    live = _report_section(verify_report, "live", redactor)
    all_findings = gate["findings"] + (live["findings"] if live else [])

    failing: dict[str, set[str]] = defaultdict(set)  # rule id -> URNs with a finding ("" for the stack)
    finding_ids_by_rule: dict[str, list[str]] = defaultdict(list)
    finding_ids_by_citation: dict[str, list[str]] = defaultdict(list)
    for f in all_findings:
        failing[f["rule"]].add(f["resource"]["urn"])
        finding_ids_by_rule[f["rule"]].append(f["id"])
        for c in f["citations"]:
            finding_ids_by_citation[c].append(f["id"])

    rules_out: dict[str, dict[str, Any]] = {}
    rules_by_citation: dict[str, list[str]] = defaultdict(list)
    shared: dict[str, Any] = {}
    for rule in _rules():
        judged = _judged(rule, views, views_by_type, shared)
        bad = failing.get(rule.id, set())
        for item in judged:
            item["status"] = "failed" if item["urn"] in bad else "passed"
        types = set(rule.resource_types)
        # A stack rule over types the state lacks passes vacuously: no evidence, so not applicable.
        present = any(item["type"] in types for item in judged) or (rule.kind == "stack" and not types)
        if rule.id in failing:
            status = "failed"
        elif present:
            status = "passed"
        else:
            status = "not_applicable"
        checks = len(judged) if rule.kind == "resource" else int(status != "not_applicable")
        failed_checks = (
            sum(1 for item in judged if item["status"] == "failed")
            if rule.kind == "resource"
            else int(bool(bad))
        )
        if rule.kind == "resource" and bad and not failed_checks:
            failed_checks = len(bad)  # findings on resources this state does not list as the rule's type
            checks = max(checks, failed_checks)
        rules_out[rule.id] = {
            "id": rule.id,
            "title": rule.title,
            "kind": rule.kind,
            "severity": rule.severity,
            "citations": list(rule.citations),
            "resource_types": list(rule.resource_types),
            "aws_config_rules": list(rule.aws_config_rules),
            "checkov_ids": list(rule.checkov_ids),
            "remediation": rule.remediation,
            "status": status,
            "checks": checks,
            "failed_checks": failed_checks,
            "findings": finding_ids_by_rule.get(rule.id, []),
            "evidence": judged,
        }
        for c in rule.citations:
            rules_by_citation[c].append(rule.id)

    controls = []
    for cite in citations().values():
        rule_ids = rules_by_citation.get(cite.citation, [])
        finding_ids = sorted(
            {
                *finding_ids_by_citation.get(cite.citation, []),
                *(i for r in rule_ids for i in rules_out[r]["findings"]),
            }
        )
        applicable = [r for r in rule_ids if rules_out[r]["status"] != "not_applicable"]
        if cite.iac == "no":
            status = "out_of_scope"
        elif finding_ids:
            status = "not_met"
        elif not applicable:
            status = "not_evidenced"
        elif cite.iac == "partial":
            status = "partial"
        else:
            status = "met"
        controls.append(
            {
                "citation": cite.citation,
                "title": cite.title,
                "iac": cite.iac,
                "status": status,
                "rules": rule_ids,
                "checks": sum(rules_out[r]["checks"] for r in applicable),
                "failed_checks": sum(rules_out[r]["failed_checks"] for r in rule_ids),
                "findings": finding_ids,
            }
        )

    inventory = [
        {"type": kind, "count": len(items), "resources": [v.ref for v in items]}
        for kind, items in sorted(views_by_type.items())
    ]

    gate_config = (gate_report.get("target") or {}).get("config") or {}
    associates = business_associates(state, gate_config, live, baa_agreement)

    manifest = state.raw.get("deployment", {}).get("manifest") or {}
    counts = {s: sum(1 for c in controls if c["status"] == s) for s in STATUSES}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "pms-baseline", "version": tool_version},
        "generated": generated,
        "state": {
            "file": state_file,
            "sha256": state_sha256,
            "format_version": state.version,
            "stack": state.stack,
            "project": state.project,
            "time": state.time,
            "pulumi_version": str(manifest.get("version", "") or "") if isinstance(manifest, Mapping) else "",
            "resources": len(state.resources),
        },
        "summary": {
            "controls": len(controls),
            **counts,
            "findings": len(gate["findings"]),
            "mandatory": gate["summary"]["mandatory"],
            "advisory": gate["summary"]["advisory"],
            "gate_passed": gate["summary"]["passed"],
            "live_findings": len(live["findings"]) if live else None,
        },
        "controls": controls,
        "rules": list(rules_out.values()),
        "gate": gate,
        "live": live,
        "business_associates": associates,
        "inventory": inventory,
    }
