"""The pull-request gate: judge a state document with the HIPAA pack (and checkov), report, set the exit code.

The pack's rules are evaluated in process by ``judge.py``, with the config merged the way the Pulumi engine
merges policy config, or through the policy SDK's Analyzer servicer (``analyzer.py``); checkov's findings are added
by ``checkov_bridge.py``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pms_baseline.exceptions import Exceptions
    from pms_baseline.findings import Report
    from pms_baseline.state import StateDocument

ENGINES = ("direct", "analyzer")

_JUDGE = ("LEVELS", "RuleSettings", "evaluate", "judged", "merge_config", "read_config", "rule_finding",
          "stack_view")
"""The gate's public names that ``judge`` defines, kept where callers look for them. Imported when first asked
for, as the gate's own imports are when it runs: the command line imports this module for ``ENGINES`` while it
builds its parser, before it starts checkov's import in a process of its own (``checkov_bridge.warm_up``)."""


def __getattr__(name: str) -> Any:
    if name not in _JUDGE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pms_baseline import judge

    value = globals()[name] = getattr(judge, name)
    return value


def run_gate(doc: StateDocument, config: Mapping[str, Any] | None = None, checkov: bool = True,
             target: dict[str, Any] | None = None, timings: dict[str, float] | None = None,
             engine: str = "direct", exceptions: Exceptions | None = None, role: str | None = None) -> Report:
    """Judge ``doc`` with the pack and, unless told not to, checkov; return the report.

    ``engine="direct"`` calls the rules in process; ``engine="analyzer"`` sends the same resources through the
    policy SDK's Analyzer servicer, request by request, as the Pulumi engine does (same findings, slower).
    ``role`` is the stack's role (``pms_baseline.roles``; None: the pack's default role): a workload stack is not
    judged by account rules. The waivers of ``exceptions`` and of the resources' own tags apply to the merged
    findings, whatever the engine (``exceptions.py``)."""
    from pms_baseline.exceptions import Exceptions
    from pms_baseline.perf import gc_paused
    from pms_baseline_pack.rules.roles import DEFAULT_ROLE

    with gc_paused():
        return _run_gate(doc, config, checkov, target, timings, engine, exceptions or Exceptions(),
                         role=DEFAULT_ROLE if role is None else role)


def _run_gate(doc: StateDocument, config: Mapping[str, Any] | None, checkov: bool, target: dict[str, Any] | None,
              timings: dict[str, float] | None, engine: str, exceptions: Exceptions, role: str) -> Report:
    from pms_baseline.exceptions import record, tag_waivers, waive
    from pms_baseline.findings import Report, merge_twins
    from pms_baseline.judge import evaluate, judged, merge_config

    waivers = [*exceptions.waivers, *tag_waivers(doc)]  # a bad tag waiver stops the gate before any judging
    timings = dict(timings or {})
    scanned = None
    if checkov:
        from pms_baseline.checkov_bridge import start_scan

        scanned = start_scan(doc)  # checkov's batches run in worker processes while this one judges the pack
    started = time.perf_counter()
    notes: list[str] = []
    if engine == "analyzer":
        from pms_baseline.analyzer import analyze

        findings, notes = analyze(doc, merge_config(config), role=role)
    else:
        findings = evaluate(doc, config, role=role)
    timings["policy_pack_seconds"] = time.perf_counter() - started
    if scanned is not None:
        run = scanned()
        findings.extend(run.findings)
        timings["checkov_seconds"] = run.seconds
        timings["checkov_checks"] = run.checks_run
        timings["checkov_passed"] = run.passed
        timings["checkov_failed"] = run.failed
        timings["checkov_skipped"] = run.skipped
    target = dict(target or {})
    target.setdefault("stack", doc.stack)
    target.setdefault("project", doc.project)
    target["engine"] = engine
    target.update(bound_to(target, config))
    if notes:
        target["engine_notes"] = notes
    findings, unused = waive(merge_twins(findings), waivers)
    target["exceptions"] = record(exceptions, waivers, unused)
    target["disabled_rules"] = disabled_rules(config)
    return Report(source="gate", target=target, findings=findings, resources=len(judged(doc)), timings=timings)


DISABLED = "disabled by policy config"


def disabled_rules(config: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """The pack's rules ``config`` disables, so no report shows them as passed: ``[{"id", "reason"}]``."""
    from pms_baseline.judge import merge_config

    return [{"id": rule_id, "reason": DISABLED} for rule_id, s in sorted(merge_config(config).items())
            if s.enforcement == "disabled"]


def changed_settings(config: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The rule settings ``config`` changes from the pack's defaults, as a policy config that has the same effect:
    ``{rule_id: {"enforcementLevel": level, param: value}}``."""
    from pms_baseline.judge import merge_config

    defaults, merged = merge_config(None), merge_config(config)
    out: dict[str, dict[str, Any]] = {}
    for rule_id, s in merged.items():
        base = defaults[rule_id]
        entry = {"enforcementLevel": s.enforcement} if s.enforcement != base.enforcement else {}
        entry.update({k: v for k, v in s.params.items() if base.params.get(k) != v})
        if entry:
            out[rule_id] = entry
    return out


def bound_to(target: Mapping[str, Any], config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The binding fields of a gate report (``findings.BINDING_FIELDS``): the state's hash as the loader took it
    (``target["state_sha256"]``; None when the caller gave none), the versions, the config and its effect."""
    from pms_baseline.findings import binding

    return binding(target.get("state_sha256"), target.get("state_hashed_as") or "", config, changed_settings(config))
