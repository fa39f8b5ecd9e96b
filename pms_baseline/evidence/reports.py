"""Findings reports the evidence reads: the gate's (run here, or read from ``--gate-results``) and verify's.

Both are the JSON findings format of the gate (issue 4):
``{"tool", "source", "target", "summary": {...}, "findings": [{"rule", "source", "severity", "enforcement",
"citations", "aws_config_rules", "checkov_ids", "resource": {"urn", "type", "name", "id"}, "message",
"remediation"}]}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pms_baseline.errors import InputError
from pms_baseline.state import StateDocument

_LISTS = ("citations", "aws_config_rules", "checkov_ids")


def run_gate(state: StateDocument) -> dict[str, Any]:
    """The gate's JSON report for ``state``, as ``pms-baseline gate --format json`` writes it."""
    from pms_baseline import gate

    # The policy pack only: checkov's findings join through --gate-results (a `gate --format json` report).
    return gate.run_gate(state, checkov=False).to_json()


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


def read_report(path: str | Path, source: str) -> tuple[dict[str, Any], bytes]:
    """A findings report file, validated, and its bytes (for the manifest)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    data = p.read_bytes()
    try:
        report = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{p}: not a JSON findings report ({str(exc).splitlines()[0]})") from None
    report = check_report(report, str(p))
    if source == "live":
        report = {
            **report,
            "source": "live",
            "findings": [{**f, "source": f.get("source") or "live"} for f in report["findings"]],
        }
    return report, data
