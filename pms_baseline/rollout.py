"""Rollout controls, named as checkov and the Pulumi CLI name them: what a team turns on while it adopts the gate.

- ``--check`` / ``--skip-check`` keep or drop findings by rule id (a pack rule or a checkov id), severity or HIPAA
  citation (a citation selects its sub-paragraphs: ``164.312`` selects ``164.312(b)``);
- ``{"all": "advisory"}`` in the policy config makes checkov's findings advisory too, so a whole run reports
  without blocking (the pack's rules already follow the config);
- ``--soft-fail`` exits 0 whatever was found, reporting everything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from pms_baseline.findings import ADVISORY, Finding, Report

SEVERITIES = ("low", "medium", "high", "critical")


def _matches(f: Finding, selector: str) -> bool:
    s = selector.strip()
    if s.lower() in SEVERITIES:
        return f.severity == s.lower()
    if s == f.rule or s in f.checkov_ids:
        return True
    return any(c == s or c.startswith(s + "(") or c.startswith(s + ".") for c in f.citations)


def _split(values: Iterable[str]) -> list[str]:
    return [v for value in values for v in value.split(",") if v.strip()]


def select(report: Report, checks: Iterable[str] = (), skips: Iterable[str] = ()) -> Report:
    """``report`` with only the findings ``checks`` selects (all when empty) and none that ``skips`` selects."""
    checks, skips = _split(checks), _split(skips)
    kept = [f for f in report.findings
            if (not checks or any(_matches(f, c) for c in checks)) and not any(_matches(f, s) for s in skips)]
    if len(kept) == len(report.findings):
        return report
    target = {**report.target, "selected": {"check": checks, "skip_check": skips,
                                            "dropped": len(report.findings) - len(kept)}}
    return dataclasses.replace(report, findings=kept, target=target)


def _all_level(config: Mapping[str, Any] | None) -> str | None:
    entry = (config or {}).get("all")
    return entry.get("enforcementLevel") if isinstance(entry, Mapping) else entry


def soften(report: Report, config: Mapping[str, Any] | None) -> Report:
    """With ``{"all": "advisory"}``, every finding is advisory, checkov's included."""
    if _all_level(config) != ADVISORY:
        return report
    findings = [f if f.enforcement == ADVISORY else dataclasses.replace(f, enforcement=ADVISORY)
                for f in report.findings]
    return dataclasses.replace(report, findings=findings)
