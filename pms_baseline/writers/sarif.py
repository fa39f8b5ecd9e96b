"""SARIF 2.1.0 as GitHub code scanning takes it."""

from __future__ import annotations

import json
from pathlib import Path

from pms_baseline import __version__, escape
from pms_baseline.findings import Finding, Report
from pms_baseline.writers.common import where as _where
from pms_baseline_pack.reference import citations as reference_citations

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _location(f: Finding, root: Path | None = None) -> tuple[str, int]:
    """Where code scanning should place ``f``: the declaring file and line when the state's source position is a
    relative path to a file of the program (checked by ``escape.source_path``), else the project file."""
    if f.location.startswith("project:///"):
        raw, _, line = f.location[len("project:///"):].partition("#")
        path = escape.source_path(raw, root)
        if path is not None:
            try:
                return path, max(1, int(line.split(",")[0]))
            except ValueError:
                return path, 1
    return "Pulumi.yaml", 1


def sarif(report: Report) -> str:
    """SARIF 2.1.0 as GitHub code scanning takes it: a rule per policy, results at the declaring line."""
    titles = reference_citations()
    rules: dict[str, dict] = {}
    results = []
    root = Path(report.target["root"]) if isinstance(report.target.get("root"), str) else None
    for f in report.findings:
        if f.rule not in rules:
            cites = ", ".join(f"{c} ({titles[c].title})" if c in titles else c for c in f.citations)
            rules[f.rule] = {
                "id": f.rule,
                "name": f.rule,
                "shortDescription": {"text": f.title or f.rule},
                "fullDescription": {"text": f"{f.title or f.rule}. HIPAA: {cites or 'none'}."},
                "help": {"text": f"{f.remediation}\nHIPAA Security Rule: {cites or 'none'}",
                         "markdown": f"**Fix:** {f.remediation}\n\n**HIPAA Security Rule:** {cites or 'none'}"},
                "defaultConfiguration": {"level": "error" if f.mandatory else "warning"},
                "properties": {"tags": ["hipaa", "security", f.source, *f.citations],
                               "security-severity": {"critical": "9.5", "high": "7.5", "medium": "5.0",
                                                     "low": "2.0"}.get(f.severity, "5.0")},
            }
        path, line = _location(f, root)
        results.append({
            "ruleId": f.rule,
            "ruleIndex": list(rules).index(f.rule),
            "level": "error" if f.mandatory else "warning",
            "message": {"text": f"{f.message} [{f.resource.type} {_where(f)}]"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": path},
                                                "region": {"startLine": line}},
                           "logicalLocations": [{"fullyQualifiedName": f.resource.urn or "stack"}]}],
            "partialFingerprints": {"pmsFinding/v1": f"{f.rule}:{f.resource.urn}:{f.message}"},
        })
    doc = {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [{
            "tool": {"driver": {"name": "pms-baseline", "version": __version__,
                                "informationUri": "https://example.invalid/pms-baseline",
                                "rules": list(rules.values())}},
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2) + "\n"
