"""SARIF 2.1.0 as GitHub code scanning takes it.

Each result sits on the repository-relative line of the program that declared its resource (``locate.place``):
the resource's own line, or, for a resource inside a component, the program's line that created the component,
with the component chain in the message. A finding about the stack as a whole sits on the project's Pulumi.yaml.
A waived finding carries a ``suppressions`` entry (code scanning shows it as dismissed) with its reason.
Fingerprints hash the rule, the resource's URN and the message with its values taken out, so a changed value
(a retention of 7 days become 14) keeps the alert, and a run on another day or machine gives the same ones.
https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from functools import cache
from importlib import metadata
from pathlib import Path

from pms_baseline import __version__, escape
from pms_baseline.findings import Finding, Report
from pms_baseline.writers.common import where as _where
from pms_baseline_pack.reference import citations as reference_citations

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
AWS_CONFIG_RULE_PAGE = "https://docs.aws.amazon.com/config/latest/developerguide/{}.html"
ECFR_SECTION = "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C/section-{}"
CHECKOV_SOURCE = "https://github.com/bridgecrewio/checkov/blob/{version}/{path}"
_SEVERITY_SCORE = {"critical": "9.5", "high": "7.5", "medium": "5.0", "low": "2.0"}
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\b\d[\d.,:]*\b")


def _pascal(rule_id: str) -> str:
    """A rule's SARIF ``name`` (distinct from its id, as code scanning shows both): kebab or snake case in
    PascalCase, e.g. RdsInstanceStorageEncrypted; a checkov id becomes Checkov_CKV_AWS_16."""
    if rule_id.startswith("CKV"):
        return f"Checkov_{rule_id}"
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_\s]+", rule_id) if part)


@cache
def _pack_rules() -> dict:
    from pms_baseline_pack.rules import catalogue

    return {r.id: r for r in catalogue()}


@cache
def _checkov_sources() -> dict[str, str]:
    """Check id -> the file declaring it in the installed checkov (its Terraform resource checks and graph checks
    for AWS, read as text: checkov itself may run in other processes), as a link to that file at that version on
    GitHub."""
    spec = importlib.util.find_spec("checkov")
    if spec is None or not spec.origin:
        return {}
    package = Path(spec.origin).parent
    version = metadata.version("checkov")
    declared = re.compile(r"""["']?id["']?\s*[:=]\s*["'](CKV2?_AWS_\d+)["']""")
    found: dict[str, str] = {}
    checks = package / "terraform" / "checks"
    files = [*sorted((checks / "resource" / "aws").glob("*.py")),
             *sorted((checks / "graph_checks" / "aws").glob("*.*"))]
    for path in files:
        match = declared.search(path.read_text(encoding="utf-8", errors="replace"))
        if match:
            found.setdefault(match.group(1), CHECKOV_SOURCE.format(
                version=version, path=f"checkov/{path.relative_to(package).as_posix()}"))
    return found


def _checkov_source(check_id: str) -> str:
    try:
        return _checkov_sources().get(check_id, "")
    except (OSError, ValueError, metadata.PackageNotFoundError):  # a missing help link never costs the report
        return ""


def _help_uri(f: Finding) -> str:
    """Where a reader learns what the rule requires: the AWS page a contract rule encodes, the AWS Config rule
    the pack rule implements, checkov's check source, or the HIPAA section the rule cites (eCFR)."""
    rule = _pack_rules().get(f.rule)
    if rule is not None and rule.sources:
        return rule.sources[0]
    if f.source == "checkov":
        found = _checkov_source(f.rule)
        if found:
            return found
    if f.aws_config_rules:
        return AWS_CONFIG_RULE_PAGE.format(f.aws_config_rules[0])
    section = re.match(r"(164\.\d+)", f.citations[0]) if f.citations else None
    return ECFR_SECTION.format(section.group(1)) if section else ECFR_SECTION.format("164.308")


@cache
def _information_uri() -> str:
    """The project's home page as its package metadata declares it (``[project.urls] Homepage``); none is
    invented when the package declares none."""
    try:
        urls = metadata.metadata("pms-baseline").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return ""
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source") and url.strip().startswith("https://"):
            return url.strip()
    return ""


def _location(f: Finding, project_file: str) -> tuple[str, int]:
    """The placed line (``declared_at``); for a report nobody placed, the state's own position of the resource
    when it is a plain relative path; else the project file."""
    for value, prefix in ((f.declared_at, ""), (f.location, "project:///")):
        if value.startswith(prefix) and value:
            path, _, line = value[len(prefix):].partition("#")
            line = line.split(",")[0]
            if escape.source_path(path) is not None:
                return path, int(line) if line.isdigit() and int(line) > 0 else 1
    return project_file, 1


def fingerprint(f: Finding) -> str:
    """Stable across runs: the rule, the resource's URN and the message's words without its values."""
    shape = _VALUES.sub("_", f.message)
    return hashlib.sha256(f"{f.rule}\n{f.resource.urn}\n{shape}".encode()).hexdigest()[:32]


def _message(f: Finding) -> str:
    text = f"{f.message} [{f.resource.type} {_where(f)}]" if f.resource.urn else f"{f.message} [stack]"
    if f.components:
        text += f" (created in {' > '.join(f.components)})"
    if f.also_found_by:
        text += f" (also found by {', '.join(f.also_found_by)})"
    return text


def _suppression(f: Finding) -> dict:
    w = f.waiver
    assert w is not None
    return {"kind": "inSource" if w.source.startswith("tag ") else "external", "status": "accepted",
            "justification": escape.sarif_text(
                f"{w.reason} (owner {w.owner}, expires {w.expires}, declared at {w.source})")}


def _rule(f: Finding, titles: dict) -> dict:
    cites = ", ".join(f"{c} ({titles[c].title})" if c in titles else c for c in f.citations)
    return {
        "id": f.rule,
        "name": _pascal(f.rule),
        "shortDescription": {"text": f.title or f.rule},
        "fullDescription": {"text": f"{f.title or f.rule}. HIPAA: {cites or 'none'}."},
        "helpUri": _help_uri(f),
        "help": {"text": f"{f.remediation}\nHIPAA Security Rule: {cites or 'none'}",
                 "markdown": f"**Fix:** {escape.markdown(f.remediation)}\n\n"
                             f"**HIPAA Security Rule:** {escape.markdown(cites or 'none')}"},
        "defaultConfiguration": {"level": "error" if f.enforcement == "mandatory" else "warning"},
        "properties": {"tags": ["hipaa", "security", f.source, *f.citations],
                       "security-severity": _SEVERITY_SCORE.get(f.severity, "5.0")},
    }


def sarif(report: Report) -> str:
    """SARIF 2.1.0 as GitHub code scanning takes it: a rule per policy, results at the declaring line."""
    titles = reference_citations()
    project_file = report.target.get("project_file") if isinstance(report.target.get("project_file"), str) else ""
    project_file = escape.source_path(project_file or "") or "Pulumi.yaml"
    rules: dict[str, dict] = {}
    index: dict[str, int] = {}
    results = []
    for f in report.findings:
        if f.rule not in rules:
            index[f.rule] = len(rules)
            rules[f.rule] = _rule(f, titles)
        path, line = _location(f, project_file)
        result = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": "error" if f.enforcement == "mandatory" else "warning",
            "message": {"text": escape.sarif_text(_message(f))},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                                                "region": {"startLine": line}},
                           "logicalLocations": [{"fullyQualifiedName": f.resource.urn or "stack",
                                                 "kind": "resource"}]}],
            "partialFingerprints": {"pmsFinding/v2": fingerprint(f)},
            "properties": {"severity": f.severity, "citations": list(f.citations), "status": f.status},
        }
        if f.waiver is not None:
            result["suppressions"] = [_suppression(f)]
        results.append(result)
    driver = {"name": "pms-baseline", "version": __version__, "semanticVersion": __version__,
              "rules": list(rules.values())}
    info = _information_uri()
    if info:
        driver["informationUri"] = info
    doc = {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [{
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The root of the repository."}}},
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2) + "\n"
