"""The bundle's time window: when the state was made, when the gate and the live checks ran, when the bundle was
written. An auditor reads the evidence as of these moments; one that is not known is said to be so (null).

- state: the state's manifest (``deployment.manifest.time``: when ``pulumi stack export`` wrote it, or when the
  offline preview ran, ``SOURCE_DATE_EPOCH`` when set);
- gate: the gate report's ``generated`` (given with ``--gate-results``, or the gate run for the bundle);
- verify: the verify report's ``generated`` (given with ``--verify-results``; null without it);
- generated: the bundle's own time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pms_baseline.state import StateDocument


def _moment(time: Any, source: str) -> dict[str, str] | None:
    return {"time": time, "source": source} if isinstance(time, str) and time else None


def time_window(state: StateDocument, gate_report: Mapping[str, Any], verify_report: Mapping[str, Any] | None,
                generated: str, gate_given: bool) -> dict[str, Any]:
    """The four moments of a bundle (``evidence.schema.json``, ``time_window``)."""
    return {
        "state": _moment(state.time, "the state's manifest (deployment.manifest.time)"),
        "gate": _moment(gate_report.get("generated"),
                        "the gate report given with --gate-results" if gate_given else "the gate run for this bundle"),
        "verify": _moment((verify_report or {}).get("generated"), "the verify report given with --verify-results"),
        "generated": _moment(generated, "this bundle"),
    }
