"""What every writer shares: how a finding names where it is, and which rules the policy config disabled."""

from __future__ import annotations

from pms_baseline.findings import Finding, Report


def where(f: Finding) -> str:
    """The resource's name as the state has it (written by others: escape it for the medium)."""
    return f.resource.name or "(stack)"


def disabled_rules(report: Report) -> list[tuple[str, str]]:
    """``(rule id, reason)`` for every rule the run's policy config disabled (``target["disabled_rules"]``) and
    every account rule not applicable to the judged stacks' roles (``target["not_applicable"]``): no writer may
    show them as passed."""
    found = [*(report.target.get("disabled_rules") or []), *(report.target.get("not_applicable") or [])]
    return [(str(d.get("id", "")), str(d.get("reason", ""))) for d in found if isinstance(d, dict)]
