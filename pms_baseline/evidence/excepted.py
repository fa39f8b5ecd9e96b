"""The bundle's "Exceptions" section: everything the baseline accepts instead of checking or fixing.

- ``waivers``: every waiver the gate applied (from the exceptions file or a resource's tag), with the findings of
  this bundle it waived; ``unused``: the waivers that matched no finding (the gate report's ``target.exceptions``);
- ``disabled_rules``: every pack rule the policy config disabled (the gate report's ``target.disabled_rules``;
  for a report that does not carry it, derived from the config it is bound to);
- ``checkov_skips``: every checkov check the baseline skips on purpose, with its reason and the resources the
  skip is limited to (``checkov_policy.SKIPS``).

A control whose findings are waived, or one of whose rules is disabled, is "excepted": never met (``model``).
Reports written before waivers existed carry neither key; both read as empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

WAIVED = "waived"
WAIVER_FIELDS = ("rule", "resource", "reason", "owner", "expires", "source")
DISABLED = "disabled by policy config"


def _waiver(raw: Any) -> dict[str, str] | None:
    if not isinstance(raw, Mapping):
        return None
    return {k: str(raw.get(k, "") or "") for k in WAIVER_FIELDS}


def _disabled(target: Mapping[str, Any]) -> list[dict[str, str]]:
    listed = target.get("disabled_rules")
    if isinstance(listed, list):
        return [{"id": str(d.get("id", "")), "reason": str(d.get("reason", "") or DISABLED)}
                for d in listed if isinstance(d, Mapping) and d.get("id")]
    from pms_baseline.judge import merge_config

    config = target.get("config") if isinstance(target.get("config"), Mapping) else None
    return [{"id": rule_id, "reason": DISABLED} for rule_id, s in sorted(merge_config(config).items())
            if s.enforcement == "disabled"]


def checkov_skips() -> list[dict[str, Any]]:
    """Every checkov check the baseline skips, with why and where the skip applies (empty lists: everywhere)."""
    from pms_baseline.checkov_policy import SKIPS

    return [{"id": check_id, "reason": skip.reason, "resource_types": list(skip.resource_types),
             "resource_names": list(skip.resource_names)} for check_id, skip in sorted(SKIPS.items())]


def exceptions_section(gate_report: Mapping[str, Any], findings: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The section for a gate report (its ``target``) and the bundle's gate findings (with their ids)."""
    target = gate_report.get("target") if isinstance(gate_report.get("target"), Mapping) else {}
    declared = target.get("exceptions") if isinstance(target.get("exceptions"), Mapping) else {}
    waived_by: dict[tuple[str, ...], list[str]] = {}
    for f in findings:
        waiver = _waiver(f.get("waiver"))
        if f.get("status") == WAIVED and waiver:
            waived_by.setdefault(tuple(waiver.values()), []).append(f["id"])
    waivers = []
    for raw in declared.get("waivers") or []:
        waiver = _waiver(raw)
        if waiver is not None:
            waivers.append({**waiver, "findings": waived_by.pop(tuple(waiver.values()), [])})
    for key, ids in waived_by.items():  # a finding waived by a waiver the report's target does not list
        waivers.append({**dict(zip(WAIVER_FIELDS, key, strict=True)), "findings": ids})
    unused = [w for w in (_waiver(raw) for raw in declared.get("unused") or []) if w is not None]
    return {
        "file": str(declared.get("file") or ""),
        "sha256": str(declared.get("sha256") or ""),
        "waivers": waivers,
        "unused": unused,
        "disabled_rules": _disabled(target),
        "checkov_skips": checkov_skips(),
    }
