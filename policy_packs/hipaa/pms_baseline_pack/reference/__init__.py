"""The reference lists the project measures itself against: HIPAA citations and AWS Config HIPAA rules."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Citation:
    """A HIPAA Security Rule citation; ``iac`` says whether infrastructure can carry it (yes, partial, no)."""

    citation: str
    title: str
    iac: str


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (REFERENCE_DIR / name).read_text().splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def citations() -> dict[str, Citation]:
    """Every citation of 45 CFR 164 Subpart C in the reference list, in the list's order."""
    return {r["citation"]: Citation(r["citation"], r["title"], r["iac"]) for r in _rows("hipaa_security_rule.tsv")}


@cache
def aws_config_rules() -> dict[str, str]:
    """AWS Config HIPAA conformance-pack rule name -> scope (baseline, other, process)."""
    return {r["rule"]: r["scope"] for r in _rows("aws_config_hipaa_rules.tsv")}
