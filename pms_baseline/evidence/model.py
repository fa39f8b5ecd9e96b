"""The evidence model: one JSON-ready dict that ``evidence.json`` holds and ``index.html`` renders.

Everything in it derives from these sources, none written by hand here:

- the HIPAA citation list (``pms_baseline_pack.reference.citations()``): one control row per citation;
- the rule catalogue (``pms_baseline_pack.rules.catalogue()``): which rules support which citation, which
  resource types they judge, their remediation;
- the findings (the gate's report, and the verify command's for the live section), waived ones marked;
- what the judging pass read (``reads.Recorder``, from the same pass that made the gate's findings): the
  resources each rule judged and the properties its check read, shown redacted and as sentences (``sentences``);
- the state document, read RAW and redacted (``redact.Redactor``) before any value is taken from it;
- the gate report's exceptions and disabled rules, and checkov's skips (``excepted``);
- the pack's reference data on the AWS BAA, for the "Business associates" section (``associates``).

A control's status:

- ``out_of_scope``: the citation is administrative only (reference ``iac=no``);
- ``not_met``: an open (not waived) finding (gate or live) comes from one of its rules or cites it;
- ``excepted``: not met either: a finding of it is waived, or one of its rules is disabled by the policy config,
  and none is open;
- ``not_evidenced``: no rule of the catalogue judged anything for it in this state (no rule cites it, or its
  rules had nothing of their types to judge), so the bundle cannot claim it;
- ``partial``: its rules pass, and the rest of the safeguard is administrative (reference ``iac=partial``);
- ``met``: its rules pass (reference ``iac=yes``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pms_baseline.evidence.excepted import WAIVED, exceptions_section
from pms_baseline.evidence.redact import Redactor
from pms_baseline.evidence.sentences import Sentences
from pms_baseline.reads import Recorder
from pms_baseline.state import Resource, StateDocument
from pms_baseline_pack.reference import citations
from pms_baseline_pack.rules import catalogue

SCHEMA_VERSION = 1
STATUSES = ("met", "partial", "not_met", "excepted", "not_evidenced", "out_of_scope")
STATUS_LABELS = {
    "met": "Met",
    "partial": "Partly met by infrastructure (rest administrative)",
    "not_met": "Not met",
    "excepted": "Not met: excepted (waived or disabled)",
    "not_evidenced": "Not evidenced by this state",
    "out_of_scope": "Out of scope for infrastructure",
}


def _resource_ref(res: Resource) -> dict[str, str]:
    return {"urn": res.urn, "type": res.type, "name": res.name, "id": res.id}


class _View:
    """What the evidence needs of each resource, computed once: its reference and its redacted properties."""

    __slots__ = ("res", "ref", "shown")

    def __init__(self, res: Resource, shown: dict[str, Any]) -> None:
        self.res = res
        self.ref = _resource_ref(res)
        self.shown = shown


_ORDERED: dict[frozenset, tuple[str, ...]] = {}
"""A set of property names read, in the order an item lists them (the same few sets recur on every resource)."""


_NOTHING_READ: frozenset = frozenset()


def _ordered(keys: frozenset) -> tuple[str, ...]:
    found = _ORDERED.get(keys)
    if found is None:
        found = _ORDERED[keys] = tuple(sorted(k for k in keys if isinstance(k, str)))
    return found


def _item(view: _View, keys: frozenset, status: str) -> dict[str, Any]:
    shown = view.shown
    return {**view.ref, "properties": {k: shown.get(k) for k in _ordered(keys)}, "status": status}


_PRESENCE: dict[str, bool] = {}


def _requires_presence(rule: Any) -> bool:
    """Whether a stack rule fails an empty stack, so requires something to exist (a trail, a detector, a password
    policy): a property of the rule, learned once per process from its check over no resource at all."""
    known = _PRESENCE.get(rule.id)
    if known is None:
        try:
            known = bool(rule.run_stack([]))
        except Exception:  # noqa: BLE001 - a check that cannot run on nothing requires nothing to exist
            known = False
        _PRESENCE[rule.id] = known
    return known


def _judged(rule: Any, recorder: Recorder, views: Mapping[int, _View], by_urn: Mapping[str, _View],
            outcome: Mapping[str, str]) -> list[dict[str, Any]]:
    """The resources ``rule`` judged in this state (``reads.Recorder``), each with the properties its check read
    (redacted) and its status there (``outcome``: URN to failed or waived); a resource with a finding of the rule
    that the pass did not file (a checkov twin, a live finding) is listed too, with nothing read."""
    out = []
    listed = set()
    read = recorder.judged.get(rule.id, ())
    if rule.kind == "stack" and rule.id in recorder.ran and _requires_presence(rule):
        # What such a rule judges is that resources of its types exist: every one of them is its evidence.
        keys_of = {id(res): keys for res, keys in read}
        read = [(res, keys_of.get(id(res), _NOTHING_READ)) for kind in dict.fromkeys(rule.resource_types)
                for res in recorder.by_type.get(kind, ())]
    for res, keys in read:
        view = views[id(res)]
        listed.add(res.urn)
        out.append(_item(view, keys, outcome.get(res.urn, "passed")))
    for urn, status in outcome.items():
        if urn and urn not in listed and urn in by_urn:
            out.append(_item(by_urn[urn], _NOTHING_READ, status))
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
    waiver = raw.get("waiver")
    if isinstance(waiver, Mapping):  # an accepted risk: reported, never passed (``exceptions``)
        finding["status"] = WAIVED
        finding["waiver"] = {k: str(waiver.get(k, "") or "") for k in
                             ("rule", "resource", "reason", "owner", "expires", "source")}
    elif raw.get("status") in ("failed", WAIVED):
        finding["status"] = "failed"
    for key in ("declared_at",):
        if isinstance(raw.get(key), str):
            finding[key] = raw[key]
    if isinstance(raw.get("components"), list):
        finding["components"] = [str(c) for c in raw["components"]]
    return redactor.sweep_tree(finding)


def _report_section(
    report: Mapping[str, Any] | None, source: str, redactor: Redactor
) -> dict[str, Any] | None:
    if report is None:
        return None
    findings = [_finding(f, i + 1, source, redactor) for i, f in enumerate(report.get("findings") or [])]
    summary = report.get("summary") or {}
    waived = sum(1 for f in findings if f.get("status") == WAIVED)
    mandatory = sum(1 for f in findings if f["enforcement"] == "mandatory" and f.get("status") != WAIVED)
    return {
        "source": str(report.get("source", source) or source),
        "target": redactor.sweep_tree(dict(report.get("target") or {})),
        "summary": {
            "resources": int(summary.get("resources", 0) or 0),
            "findings": len(findings),
            "mandatory": mandatory,
            "advisory": len(findings) - mandatory - waived,
            "waived": waived,
            "passed": mandatory == 0,  # from the findings, never from what a report says of itself
        },
        "findings": findings,
    }


def _rule_status(rule: Any, items: list[dict[str, Any]], open_: bool, waived: bool, disabled: set[str],
                 ran: set[str]) -> str:
    if open_:
        return "failed"
    if waived:
        return "waived"
    if rule.id in disabled:
        return "disabled"
    if rule.id in ran and items:
        return "passed"
    return "not_applicable"  # nothing of its types in the state, or a stack rule that found nothing to judge


def build_model(
    state: StateDocument,
    gate_report: Mapping[str, Any],
    verify_report: Mapping[str, Any] | None = None,
    *,
    recorder: Recorder | None = None,
    state_file: str = "",
    state_sha256: str = "",
    generated: str = "",
    tool_version: str = "",
    baa_agreement: Mapping[str, Any] | None = None,
    window: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole evidence model for ``state`` judged by ``gate_report`` (and ``verify_report``, if any).

    ``recorder`` holds the reads of the pass that judged the state (``reports.run_gate``, or ``reports.judge``
    when the gate report was given): no rule is judged again here. ``baa_agreement`` describes the AWS BAA
    attached to the bundle (``associates.business_associates``); ``window`` is the time window
    (``window.time_window``)."""
    from pms_baseline.evidence.associates import business_associates
    from pms_baseline.evidence.reports import judge

    if recorder is None:
        recorder = judge(state, gate_report)
    redactor = Redactor()
    views = {id(res): _View(res, redactor.resource(res.raw)) for res in state.resources}
    by_urn = {view.res.urn: view for view in views.values()}

    gate = _report_section(gate_report, "gate", redactor)
    live = _report_section(verify_report, "live", redactor)
    all_findings = gate["findings"] + (live["findings"] if live else [])

    outcome: dict[str, dict[str, str]] = defaultdict(dict)  # rule id -> URN -> failed | waived ("" the stack)
    finding_ids_by_rule: dict[str, list[str]] = defaultdict(list)
    finding_ids_by_citation: dict[str, list[str]] = defaultdict(list)
    waived_ids: set[str] = set()
    for f in all_findings:
        status = f.get("status") or "failed"
        if status == WAIVED:
            waived_ids.add(f["id"])
        urn = f["resource"]["urn"]
        if outcome[f["rule"]].get(urn) != "failed":  # one open finding makes the resource failed
            outcome[f["rule"]][urn] = status
        finding_ids_by_rule[f["rule"]].append(f["id"])
        for c in f["citations"]:
            finding_ids_by_citation[c].append(f["id"])

    exceptions = exceptions_section(gate_report, gate["findings"])
    disabled = {d["id"] for d in exceptions["disabled_rules"]}
    sentences = Sentences(state, all_findings)
    rules_out: dict[str, dict[str, Any]] = {}
    rules_by_citation: dict[str, list[str]] = defaultdict(list)
    for rule in catalogue():
        rule_outcome = outcome.get(rule.id, {})
        judged = _judged(rule, recorder, views, by_urn, rule_outcome)
        for item in judged:
            item["sentence"] = sentences.sentence(rule, item)
        status = _rule_status(rule, judged, "failed" in rule_outcome.values(), bool(rule_outcome), disabled,
                              recorder.ran)
        not_passed = sum(1 for item in judged if item["status"] != "passed")
        if rule.kind == "resource":
            checks = len(judged)
            failed_checks = not_passed or (len(rule_outcome) if rule_outcome else 0)
            checks = max(checks, failed_checks)  # findings on resources this state does not list as its type
        else:
            checks = int(status not in ("not_applicable", "disabled"))
            failed_checks = int(bool(rule_outcome))
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
        open_ids = [i for i in finding_ids if i not in waived_ids]
        excepted = {
            "waived_findings": [i for i in finding_ids if i in waived_ids],
            "disabled_rules": [r for r in rule_ids if r in disabled],
        }
        applicable = [r for r in rule_ids if rules_out[r]["status"] not in ("not_applicable", "disabled")]
        if cite.iac == "no":
            status = "out_of_scope"
        elif open_ids:
            status = "not_met"
        elif excepted["waived_findings"] or excepted["disabled_rules"]:
            status = "excepted"  # a waiver or a disabled rule is never a met safeguard
        elif not applicable:
            status = "not_evidenced"
        elif cite.iac == "partial":
            status = "partial"
        else:
            status = "met"
        control = {
            "citation": cite.citation,
            "title": cite.title,
            "iac": cite.iac,
            "status": status,
            "rules": rule_ids,
            "checks": sum(rules_out[r]["checks"] for r in applicable),
            "failed_checks": sum(rules_out[r]["failed_checks"] for r in rule_ids),
            "findings": finding_ids,
        }
        if excepted["waived_findings"] or excepted["disabled_rules"]:
            control["exceptions"] = excepted
        controls.append(control)

    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    for view in views.values():
        by_type[view.res.type].append(view.ref)
    inventory = [{"type": kind, "count": len(refs), "resources": refs} for kind, refs in sorted(by_type.items())]

    gate_config = (gate_report.get("target") or {}).get("config") or {}
    associates = business_associates(state, gate_config, live, baa_agreement)

    manifest = state.raw.get("deployment", {}).get("manifest") or {}
    counts = {s: sum(1 for c in controls if c["status"] == s) for s in STATUSES}
    model = {
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
            "waived": gate["summary"]["waived"],
            "gate_passed": gate["summary"]["passed"],
            "live_findings": len(live["findings"]) if live else None,
        },
        "controls": controls,
        "rules": list(rules_out.values()),
        "gate": gate,
        "live": live,
        "business_associates": associates,
        "exceptions": redactor.sweep_tree(exceptions),
        "inventory": inventory,
    }
    if window is not None:
        model["time_window"] = dict(window)
    return model
