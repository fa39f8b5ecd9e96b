"""Findings reports the evidence reads: the gate's (run here, or read from ``--gate-results``) and verify's.

Both are the JSON findings format of the gate (issue 4):
``{"tool", "source", "target", "summary": {...}, "findings": [{"rule", "source", "severity", "enforcement",
"citations", "aws_config_rules", "checkov_ids", "resource": {"urn", "type", "name", "id"}, "message",
"remediation"}]}``.

A report given to ``evidence`` must be bound to the state the bundle is about (``check_binding``): its target
carries the state's SHA-256, the tool and pack versions and the config it ran with (``findings.BINDING_FIELDS``),
and its summary must be what its findings add up to. Anything else is refused with one line, before any file is
written: a report about another state, from another version, a hand-made or truncated one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pms_baseline import jsontext
from pms_baseline.errors import InputError
from pms_baseline.exceptions import Exceptions
from pms_baseline.reads import Recorder
from pms_baseline.state import StateDocument
from pms_baseline_pack.rules.roles import ROLES, role_of

_LISTS = ("citations", "aws_config_rules", "checkov_ids")


def run_gate(state: StateDocument, target: dict[str, Any] | None = None,
             exceptions: Exceptions | None = None) -> tuple[dict[str, Any], Recorder]:
    """The gate's JSON report for ``state``, as ``pms-baseline gate --format json`` writes it (with the waivers of
    ``exceptions`` and of the resources' tags), and what its judging read (``reads``: the evidence of every rule,
    taken from the same pass); ``target`` names the state as the loader read it (``state``, ``state_sha256``,
    ``state_hashed_as``)."""
    from pms_baseline import gate, reads

    # The policy pack only: checkov's findings join through --gate-results (a `gate --format json` report). The
    # stack is judged in the role it declares (a workload's account rules are not applicable), as the gate does.
    with reads.recording() as recorder:
        report = gate.run_gate(state, checkov=False, target=target, role=role_of(state.resources),
                               exceptions=exceptions).to_json()
    return report, recorder


def judge(state: StateDocument, report: Mapping[str, Any]) -> Recorder:
    """What the pack reads judging ``state`` with the config ``report`` (a gate report given with
    --gate-results) was bound to: the evidence's one judging pass, whose findings the report already holds."""
    from pms_baseline import judge as judging
    from pms_baseline import reads

    target = report.get("target") if isinstance(report.get("target"), Mapping) else {}
    config = target.get("config") if isinstance(target.get("config"), Mapping) else None
    role = target.get("stack_role")
    with reads.recording() as recorder:
        judging.evaluate(state, config, role=role if role in ROLES else role_of(state.resources))
    return recorder


def check_report(report: Any, source: str) -> dict[str, Any]:
    """Validate a decoded findings report; raise InputError naming the first problem."""
    if not isinstance(report, dict):
        raise InputError(f"{source}: not a findings report (top level is not an object)")
    findings = report.get("findings")
    if not isinstance(findings, list):
        raise InputError(f"{source}: not a findings report (no 'findings' list)")
    for i, f in enumerate(findings):
        if not isinstance(f, dict):
            raise InputError(f"{source}: finding {i} is not an object")
        for key in ("rule", "message"):
            if not isinstance(f.get(key), str) or not f[key]:
                raise InputError(f"{source}: finding {i} has no '{key}'")
        for key in _LISTS:
            if not isinstance(f.get(key, []), list):
                raise InputError(f"{source}: finding {i}: '{key}' is not a list")
        if f.get("resource") is not None and not isinstance(f["resource"], dict):
            raise InputError(f"{source}: finding {i}: 'resource' is not an object")
    for key in ("summary", "target"):
        if report.get(key) is not None and not isinstance(report[key], dict):
            raise InputError(f"{source}: '{key}' is not an object")
    return report


_WRITER = {"gate": "pms-baseline gate --format json", "live": "pms-baseline verify --format json"}
_SOURCES = {"gate": {"policy-pack", "checkov"}, "live": {"live"}}


def _short(digest: Any) -> str:
    return f"{str(digest)[:12]}..."


def check_binding(report: dict[str, Any], name: str, source: str, state_sha256: str, state_name: str) -> None:
    """Refuse (InputError, one line) a report that is not ``source``'s (``gate`` or ``live``) JSON report about
    the state whose SHA-256 is ``state_sha256``, made by this version of the tool and pack, with a summary that is
    what its findings add up to."""
    from pms_baseline import __version__
    from pms_baseline.findings import BINDING_FIELDS
    from pms_baseline.gate import merge_config
    from pms_baseline.loader import HASHED_CANONICAL
    from pms_baseline_pack import __version__ as pack_version

    writer = _WRITER[source]
    flag = "--gate-results" if source == "gate" else "--verify-results"
    if report.get("tool") != "pms-baseline" or report.get("source") != source:
        found = report.get("source")
        raise InputError(f"{name}: not a report of `{writer}` (source {found!r}); {flag} takes that command's output")
    target = report.get("target")
    missing = [k for k in BINDING_FIELDS if not isinstance(target, dict) or k not in target]
    if missing:
        raise InputError(f"{name}: not bound to a state (its target lacks {', '.join(missing)}); "
                         f"write it with `{writer}` of pms-baseline {__version__}")
    if target["state_sha256"] is None:
        command = "verify" if source == "live" else "gate"
        raise InputError(f"{name}: {command} ran without --state, so its results are bound to no state; run "
                         f"`pms-baseline {command} --state {state_name} --format json`")
    if target["state_sha256"] != state_sha256 and target.get("state_hashed_as") == HASHED_CANONICAL:
        stack = target.get("stack") or "STACK"
        raise InputError(f"{name}: the gate judged its own preview of stack '{stack}', not {state_name}; write the "
                         f"preview once (`pms-baseline preview --stack {stack} --out FILE`) and give FILE to both")
    if target["state_sha256"] != state_sha256:
        raise InputError(f"{name}: judged another state (SHA-256 {_short(target['state_sha256'])}), not "
                         f"{state_name} (SHA-256 {_short(state_sha256)}); refusing to certify it")
    if (target["tool_version"], target["pack_version"]) != (__version__, pack_version):
        raise InputError(f"{name}: written by pms-baseline {target['tool_version']} with pack "
                         f"{target['pack_version']}; this is {__version__} with pack {pack_version}; re-run it")
    if not isinstance(target["config"], dict) or not isinstance(target["config_sha256"], str):
        raise InputError(f"{name}: target 'config' is not a policy config")
    try:
        merge_config(target["config"])
    except InputError as exc:
        raise InputError(f"{name}: target {exc}") from None
    findings = report["findings"]
    for i, f in enumerate(findings):
        if f.get("source") not in _SOURCES[source] or f.get("enforcement") not in ("mandatory", "advisory"):
            raise InputError(f"{name}: finding {i} has source {f.get('source')!r} and enforcement "
                             f"{f.get('enforcement')!r}, which `{writer}` does not write")
    # A waived finding counts apart: never mandatory, never advisory (``findings.Report.summary``).
    waived = sum(1 for f in findings if f.get("status") == "waived" or f.get("waiver") is not None)
    mandatory = sum(1 for f in findings if f["enforcement"] == "mandatory" and f.get("status") != "waived"
                    and f.get("waiver") is None)
    expected = {"findings": len(findings), "mandatory": mandatory, "advisory": len(findings) - mandatory - waived,
                "passed": mandatory == 0}
    summary = report.get("summary")
    stated = {k: summary.get(k) for k in expected} if isinstance(summary, dict) else None
    if stated != expected:
        raise InputError(f"{name}: its summary {stated} is not what its findings add up to {expected}")


def read_report(path: str | Path, source: str, state_sha256: str, state_name: str) -> tuple[dict[str, Any], bytes]:
    """A findings report file, validated and bound to the state ``state_sha256`` (``check_binding``), and its
    bytes (for the manifest)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    data = p.read_bytes()
    try:
        report = jsontext.loads(data.decode("utf-8"))
    except ValueError as exc:  # not UTF-8, not JSON, or not what JSON carries (jsontext.NotJSON)
        raise InputError(f"{p}: not a JSON findings report ({str(exc).splitlines()[0]})") from None
    report = check_report(report, str(p))
    check_binding(report, str(p), source, state_sha256, state_name)
    return report, data
