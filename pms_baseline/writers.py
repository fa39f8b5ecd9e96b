"""Report writers: each turns a Report into the text one reader wants (a person, CI, GitHub, a PR)."""

from __future__ import annotations

import json
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from pms_baseline import __version__, escape
from pms_baseline.findings import Finding, Report, by_citation
from pms_baseline_pack.reference import citations as reference_citations

FORMATS = ("table", "json", "sarif", "junit", "markdown")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m"}


def _where(f: Finding) -> str:
    """The resource's name as the state has it (written by others: escape it for the medium)."""
    return f.resource.name or "(stack)"


def table(report: Report, colour: bool | None = None) -> str:
    """For a terminal: findings grouped by HIPAA citation, severity coloured on a TTY."""
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if colour is None else colour
    titles = reference_citations()
    s = report.summary()
    target = report.target
    if report.source == "live":
        where = ", ".join(target.get("regions") or []) or "?"
        lines = [f"pms-baseline verify: account {escape.terminal(target.get('account') or '?')} in "
                 f"{escape.terminal(where)}, {s['resources']} resources"]
    else:
        lines = [f"pms-baseline gate: stack {escape.terminal(target.get('stack') or '?')} of "
                 f"{escape.terminal(target.get('project') or '?')}, {s['resources']} resources"]
    for citation, items in by_citation(report.findings).items():
        title = titles[citation].title if citation in titles else ""
        lines.append("")
        lines.append(f"{citation}  {title}".rstrip())
        for f in items:
            sev = f.severity.upper()
            if colour:
                sev = f"{_COLOURS.get(f.severity, '')}{sev}\033[0m"
            lines.append(f"  {sev:<8} {f.enforcement:<9} {escape.terminal(f.rule)}  [{escape.terminal(_where(f))}]")
            lines.append(f"           {escape.terminal(f.message)}")
    lines.append("")
    timing = report.timings
    extra = ""
    if "checkov_checks" in timing:
        extra = (f"; checkov {int(timing['checkov_checks'])} checks, {int(timing['checkov_passed'])} passed, "
                 f"{int(timing['checkov_failed'])} failed, {int(timing['checkov_skipped'])} skipped "
                 f"in {timing['checkov_seconds']:.2f}s")
    verdict = "PASSED" if s["passed"] else "FAILED"
    lines.append(f"{verdict}: {s['mandatory']} mandatory, {s['advisory']} advisory findings{extra}")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


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


def junit(report: Report) -> str:
    """JUnit XML: a test suite per rule, a test case per rule and resource; violations fail it."""
    suites = ET.Element("testsuites", name="pms-baseline", tests="0", failures="0")
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        grouped[f.rule].append(f)
    total = fails = 0
    for rule, items in sorted(grouped.items()):
        cases: dict[str, list[Finding]] = defaultdict(list)
        for f in items:
            cases[f.resource.urn or "stack"].append(f)
        suite = ET.SubElement(suites, "testsuite", name=escape.xml(rule), tests=str(len(cases)))
        nfail = 0
        for fs in cases.values():
            case = ET.SubElement(suite, "testcase", classname=escape.xml(rule),
                                 name=escape.xml(f"{fs[0].resource.type} {_where(fs[0])}"))
            mandatory = [f for f in fs if f.mandatory]
            tag = "failure" if mandatory else "skipped"
            node = ET.SubElement(case, tag, message=escape.xml(fs[0].message), type=fs[0].severity)
            node.text = escape.xml("\n".join(f"{f.message}\nFix: {f.remediation}\nHIPAA: {', '.join(f.citations)}"
                                              for f in fs))
            nfail += 1 if mandatory else 0
        suite.set("failures", str(nfail))
        total += len(cases)
        fails += nfail
    suites.set("tests", str(total))
    suites.set("failures", str(fails))
    if total == 0:
        suite = ET.SubElement(suites, "testsuite", name="pms-baseline", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="pms-baseline",
                      name=f"{report.summary()['resources']} resources comply")
        suites.set("tests", "1")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def markdown(report: Report) -> str:
    """A pull-request comment: verdict, counts, then findings with citation and fix."""
    s = report.summary()
    icon = "✅" if s["passed"] else "❌"
    t = report.target
    what = (f"live verification: account {escape.markdown_code(t.get('account') or '?')}" if report.source == "live"
            else f"gate: stack {escape.markdown_code(t.get('stack') or '?')}")
    lines = [f"### {icon} HIPAA {what} {'passed' if s['passed'] else 'failed'}", "",
             f"{s['resources']} resources · {s['mandatory']} mandatory · {s['advisory']} advisory findings", ""]
    if report.findings:
        lines += ["| Severity | Enforcement | Rule | Resource | HIPAA | Finding | Fix |",
                  "|---|---|---|---|---|---|---|"]
        for f in report.findings:
            lines.append(f"| {escape.markdown(f.severity)} | {escape.markdown(f.enforcement)} | "
                         f"{escape.markdown_code(f.rule)} | {escape.markdown_code(_where(f))} | "
                         f"{escape.markdown(', '.join(f.citations))} | {escape.markdown(f.message)} | "
                         f"{escape.markdown(f.remediation)} |")
    else:
        lines.append("No findings.")
    return "\n".join(lines) + "\n"


def render(report: Report, fmt: str) -> str:
    if fmt == "table":
        return table(report)
    return {"json": as_json, "sarif": sarif, "junit": junit, "markdown": markdown}[fmt](report)
