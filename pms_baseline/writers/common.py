"""What every writer shares: how a finding names where it is."""

from __future__ import annotations

from pms_baseline.findings import Finding


def where(f: Finding) -> str:
    """The resource's name as the state has it (written by others: escape it for the medium)."""
    return f.resource.name or "(stack)"
