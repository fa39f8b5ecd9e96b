"""``index.html``: the evidence model as one self-contained, printable page (inline CSS and SVG, no scripts).

Every value comes from the model, which is already redacted; this module only escapes and lays out. Long lists
are cut in the page (with the count of what was left out) and kept whole in ``evidence.json``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from pms_baseline.evidence import sections
from pms_baseline.evidence.model import STATUS_LABELS, STATUSES
from pms_baseline.evidence.sentences import value_text

EVIDENCE_PER_RULE_IN_ROW = 3
EVIDENCE_PER_RULE = 20
NAMES_PER_TYPE = 30
VALUE_CHARS = 160

STATUS_COLOURS = {
    "met": "#1b7f3b",
    "partial": "#6b8e23",
    "not_met": "#b3261e",
    "excepted": "#9c4a00",
    "not_evidenced": "#8a6d00",
    "out_of_scope": "#6b6b6b",
}
PASS_COLOUR = "#2e9d55"
FAIL_COLOUR = "#c62828"
NONE_COLOUR = "#d9d9d9"

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; margin: 0;
  color: #1d1d1f; background: #fff; font-size: 14px; line-height: 1.4; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #1d1d1f; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.lead { margin: 0 0 16px; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #c9c9c9; padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: #f0f0f2; font-weight: 600; }
table.meta { width: auto; }
table.matrix td:first-child { white-space: nowrap; }
td, th { overflow-wrap: break-word; }
table.fixed { table-layout: fixed; }
table.fixed td, table.fixed th { overflow-wrap: anywhere; }
table.meta th { width: 170px; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
  overflow-wrap: anywhere; }
.status { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-weight: 600;
  font-size: 12px; }
.rule.failed { color: #b3261e; font-weight: 600; }
.rule.not_applicable, .rule.disabled { color: #6b6b6b; }
.rule.waived { color: #9c4a00; font-weight: 600; }
li.waived { color: #9c4a00; }
li.failed { color: #b3261e; }
ul.plain { margin: 0; padding-left: 16px; }
ul.plain li { margin: 1px 0; }
.muted { color: #666; }
.sev-critical, .sev-high { color: #b3261e; font-weight: 600; }
.sev-medium { color: #8a5a00; font-weight: 600; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 4px; }
.card { border: 1px solid #c9c9c9; border-radius: 6px; padding: 8px 12px; min-width: 120px; }
.card .n { font-size: 22px; font-weight: 700; }
.verdict-pass { color: #1b7f3b; font-weight: 700; }
.verdict-fail { color: #b3261e; font-weight: 700; }
svg text { font-family: inherit; }
footer { margin-top: 36px; font-size: 12px; color: #555; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 10.5px; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, .card, figure { break-inside: avoid; }
  .status { color: #000 !important; border: 1px solid #000; background: none !important; }
}
"""


# The page is self-contained and runs no script: nothing may load, connect, submit or run; only its own inline
# styles and the chart's inline SVG render. A name in the state that slipped past escaping still could not act.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _value(value: Any) -> str:
    return value_text(value, VALUE_CHARS)


RULE_LABELS = {"passed": "passed", "failed": "failed", "waived": "failed, waived", "disabled": "disabled by config",
               "not_applicable": "nothing to judge"}


def _checks(rule: dict[str, Any]) -> str:
    if rule["status"] == "not_applicable":
        return "nothing to check"
    if rule["status"] == "disabled":
        return "not run: disabled by the policy config"
    if rule["kind"] == "stack":
        return "stack-wide check, " + ("failed" if rule["failed_checks"] else "passed")
    plural = "s" if rule["checks"] != 1 else ""
    return f"{rule['checks']} resource{plural} checked, {rule['failed_checks']} failed"


def _status(status: str) -> str:
    return (
        f'<span class="status" style="background:{STATUS_COLOURS[status]}">{_e(STATUS_LABELS[status])}</span>'
    )


def _evidence_items(items: list[dict[str, Any]], limit: int) -> str:
    """Each item as its sentence (``sentences``); failed and waived ones first, so a cut list keeps them."""
    items = sorted(items, key=lambda item: item["status"] == "passed")
    lines = [f'<li class="{_e(item["status"])}">{_e(item["sentence"])}</li>' for item in items[:limit]]
    if len(items) > limit:
        lines.append(f'<li class="muted">… and {len(items) - limit} more (all in evidence.json)</li>')
    return "".join(lines)


def _chart(model: dict[str, Any]) -> str:
    """Horizontal bars per citation: the share of the rules' checks that passed and failed."""
    rows = [c for c in model["controls"] if c["status"] != "out_of_scope"]
    label_w, bar_w, right_w, row_h, top = 150, 560, 250, 20, 28
    width = label_w + bar_w + right_w
    height = top + row_h * len(rows) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="chart-title">',
        '<title id="chart-title">Rule checks passed and failed, by HIPAA citation</title>',
        f'<rect x="{label_w}" y="6" width="12" height="12" fill="{PASS_COLOUR}"/>'
        f'<text x="{label_w + 16}" y="16" font-size="12">checks passed</text>'
        f'<rect x="{label_w + 120}" y="6" width="12" height="12" fill="{FAIL_COLOUR}"/>'
        f'<text x="{label_w + 136}" y="16" font-size="12">checks failed</text>'
        f'<rect x="{label_w + 240}" y="6" width="12" height="12" fill="{NONE_COLOUR}"/>'
        f'<text x="{label_w + 256}" y="16" font-size="12">no check in this state</text>',
    ]
    for i, c in enumerate(rows):
        y = top + i * row_h
        total, failed = c["checks"], c["failed_checks"]
        total = max(total, failed)
        out.append(f'<text x="0" y="{y + 14}" font-size="12">{_e(c["citation"])}</text>')
        if total:
            fail_w = round(bar_w * failed / total, 1) if failed else 0
            if failed and fail_w < 3:
                fail_w = 3
            pass_w = bar_w - fail_w
            out.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{pass_w}" height="{row_h - 6}" fill="{PASS_COLOUR}">'
                f"<title>{_e(c['citation'])}: {total - failed} of {total} checks passed</title></rect>"
            )
            if fail_w:
                out.append(
                    f'<rect x="{label_w + pass_w}" y="{y + 3}" width="{fail_w}" height="{row_h - 6}" '
                    f'fill="{FAIL_COLOUR}"><title>{_e(c["citation"])}: {failed} failed</title></rect>'
                )
            note = f"{total - failed}/{total} passed"
        else:
            out.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" fill="{NONE_COLOUR}"/>'
            )
            note = "no check"
        out.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 14}" font-size="12" '
            f'fill="{STATUS_COLOURS[c["status"]]}">{_e(note)} · '
            f"{_e(STATUS_LABELS[c['status']].split(' (')[0])}"
            "</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _findings_table(findings: list[dict[str, Any]], empty: str) -> str:
    if not findings:
        return f"<p>{_e(empty)}</p>"
    rows = []
    for f in findings:
        res = f["resource"]
        label = res["name"] or res["id"]
        where = (
            f'<span class="mono">{_e(label)}</span><br>'
            f'<span class="muted" title="{_e(res["type"])}">{_e(res["type"].split(":")[-1])}</span>'
            if label
            else '<span class="muted">the stack (or account) as a whole</span>'
        )
        waiver = f.get("waiver")
        waived = (f'<br><span class="rule waived">waived until {_e(waiver["expires"])}</span>' if waiver else "")
        rows.append(
            f'<tr id="{_e(f["id"])}"><td class="mono">{_e(f["id"])}</td>'
            f'<td class="sev-{_e(f["severity"])}">{_e(f["severity"])}<br>'
            f'<span class="muted">{_e(f["enforcement"])}</span>{waived}</td>'
            f'<td class="mono">{_e(f["rule"])}<br><span class="muted">{_e(f["source"])}</span></td>'
            f"<td>{where}</td><td>{_e(f['message'])}</td><td>{_e(f['remediation'])}</td>"
            f'<td class="mono">{"<br>".join(_e(c) for c in f["citations"])}</td></tr>'
        )
    return (
        '<table class="findings fixed"><colgroup><col style="width:4em"><col style="width:7.5em">'
        '<col style="width:12em"><col style="width:10em"><col><col style="width:24%">'
        '<col style="width:8.5em"></colgroup>'
        "<thead><tr><th>Id</th><th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th>"
        "<th>Remediation</th><th>Citations</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


VERDICT_LABELS = {
    "not_covered": ("holds data, not covered by the AWS BAA", "#b3261e"),
    "unmapped": ("not mapped to an AWS service", "#8a6d00"),
    "covered": ("covered by the AWS BAA", "#1b7f3b"),
    "plumbing": ("configuration only, no data", "#6b6b6b"),
}
AGREEMENT_LABELS = {
    "active": ("Active", "#1b7f3b"),
    "missing": ("Missing", "#b3261e"),
    "inactive": ("Inactive", "#b3261e"),
    "unread": ("Not read", "#8a6d00"),
    "not_checked": ("Not checked", "#6b6b6b"),
}


def _badge(label: str, colour: str) -> str:
    return f'<span class="status" style="background:{colour}">{_e(label)}</span>'


def _business_associates(section: dict[str, Any]) -> str:
    """The "Business associates" section: the services under the AWS BAA, and the BAA's status and copy."""
    listed, agreement, attached = section["list"], section["agreement"], section["attachment"]
    links = " ".join(f'<a href="#{_e(i)}" class="mono">{_e(i)}</a>' for i in agreement["findings"])
    out = [
        '<h2 id="business-associates">Business associates</h2>',
        "<p>PHI may go into a service only under a business associate agreement (164.308(b)(1), 164.314(a)). "
        "The AWS Business Associate Addendum covers the services on AWS's HIPAA Eligible Services Reference "
        f'(<span class="mono">{_e(listed["page"])}</span>); this bundle uses the project\'s copy of it, as last '
        f"updated {_e(listed['last_updated'])} ({_e(listed['services'])} services). "
        f"Scope: {_e(section['scope']['reason'])}.</p>",
        '<table class="meta"><tbody>',
        f"<tr><th>AWS BAA in AWS Artifact</th><td>{_badge(*AGREEMENT_LABELS[agreement['status']])} "
        f"{_e(agreement['detail'])}{' (' + links + ')' if links else ''}</td></tr>",
    ]
    if attached:
        out.append(
            f'<tr><th>Agreement attached</th><td><span class="mono">{_e(attached["bundled_as"])}</span> in this '
            f"bundle, {_e(attached['bytes'])} bytes, SHA-256 <span class=\"mono\">{_e(attached['sha256'])}</span> "
            "(listed in manifest.json as a file and as inputs.baa_agreement)</td></tr>"
        )
    else:
        out.append(
            "<tr><th>Agreement attached</th><td>None. Download the accepted AWS Business Associate Addendum from "
            "AWS Artifact (Agreements) and give it to <code>pms-baseline evidence --baa-agreement FILE</code>: the "
            "bundle then holds it as <code>baa-agreement.pdf</code> and manifest.json records its SHA-256 "
            "(<code>inputs.baa_agreement</code>, null here).</td></tr>"
        )
    out.append("</tbody></table>")
    if not section["services"]:
        out.append("<p>The state has no pulumi-aws resource.</p>")
        return "".join(out)
    out.append(
        '<table class="fixed"><colgroup><col style="width:16em"><col style="width:13em"><col>'
        '<col style="width:5em"></colgroup><thead><tr><th>AWS service</th><th>Verdict</th>'
        "<th>Resource types (data class)</th><th>Count</th></tr></thead><tbody>"
    )
    for svc in section["services"]:
        name = _e(svc["service"]) or '<span class="muted">(no AWS service mapped)</span>'
        note = f'<br><span class="muted">list: {_e(svc["scope_note"])}</span>' if svc["scope_note"] else ""
        types = ", ".join(
            f'<code>{_e(t["type"])}</code> <span class="muted">({_e(t["data_class"])}, {_e(t["resources"])})</span>'
            for t in svc["types"]
        )
        out.append(
            f"<tr><td>{name}{note}</td><td>{_badge(*VERDICT_LABELS[svc['verdict']])}</td><td>{types}</td>"
            f"<td>{_e(svc['resources'])}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _bound(report: dict[str, Any]) -> str:
    """How a report was made, from its binding: the versions and the policy config it ran with."""
    t = report["target"]
    config = t.get("config") or {}
    settings = "; ".join(f"{rule}: {_value(entry)}" for rule, entry in sorted(config.items()))
    return (
        f"pms-baseline {_e(t.get('tool_version', '?'))} with pack {_e(t.get('pack_version', '?'))}, policy config "
        f"{_e(settings) if settings else 'the defaults'}; judged the state with SHA-256 "
        f'<span class="mono">{_e(t.get("state_sha256", "?"))}</span>'
    )


def render_html(model: dict[str, Any]) -> str:
    """The page for ``model`` (see ``model.build_model``)."""
    st, summary, tool = model["state"], model["summary"], model["tool"]
    rules = {r["id"]: r for r in model["rules"]}
    title = f"HIPAA evidence: {st['project'] or 'project'} / {st['stack'] or 'stack'}"
    gate = model["gate"]
    verdict = (
        '<span class="verdict-pass">passed</span>'
        if summary["gate_passed"]
        else '<span class="verdict-fail">failed</span>'
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{_e(title)}</h1>",
        '<p class="lead">Which HIPAA Security Rule safeguards this environment meets, by which resources and '
        "settings, judged from the stack's state by the baseline's policy rules.</p>",
        '<table class="meta"><tbody>',
        f"<tr><th>Stack</th><td>{_e(st['stack'])}</td></tr>",
        f"<tr><th>Project</th><td>{_e(st['project'])}</td></tr>",
        f'<tr><th>State file</th><td><span class="mono">{_e(st["file"])}</span><br>'
        f'SHA-256 <span class="mono">{_e(st["sha256"])}</span></td></tr>',
        f"<tr><th>State format</th><td>export version {_e(st['format_version'])}"
        f"{', Pulumi ' + _e(st['pulumi_version']) if st['pulumi_version'] else ''}, "
        f"{_e(st['resources'])} resources</td></tr>",
        f"<tr><th>Tool</th><td>{_e(tool['name'])} {_e(tool['version'])}</td></tr>",
        f"<tr><th>Gate</th><td>{verdict}: {_e(summary['findings'])} findings "
        f"({_e(summary['mandatory'])} mandatory, {_e(summary['advisory'])} advisory, "
        f"{_e(summary.get('waived', 0))} waived)<br>{_bound(gate)}</td></tr>",
        "</tbody></table>",
        '<h2>Summary</h2><div class="cards">',
    ]
    parts.insert(parts.index(f"<h1>{_e(title)}</h1>") + 1, sections.time_window(model))
    for status in STATUSES:
        parts.append(
            f'<div class="card"><div class="n" style="color:{STATUS_COLOURS[status]}">'
            f"{_e(summary[status])}</div>{_e(STATUS_LABELS[status])}</div>"
        )
    parts.append("</div>")
    parts.append(f"<figure><h3>Results by citation</h3>{_chart(model)}</figure>")

    parts.append('<h2 id="controls">Control matrix</h2>')
    parts.append(
        "<p>One row per citation of 45 CFR 164 Subpart C in the reference list. The rules are those of the "
        "catalogue that cite it; the evidence is the resources each rule judged and the property values its "
        "check read (secrets shown as <code>[secret]</code>).</p>"
    )
    parts.append(
        '<table class="matrix fixed"><colgroup><col style="width:11em"><col style="width:11em">'
        '<col style="width:9.5em"><col style="width:24%"><col><col style="width:6em"></colgroup>'
        "<thead><tr><th>Citation</th><th>Safeguard</th><th>Status</th><th>Rules</th>"
        "<th>Evidence</th><th>Findings</th></tr></thead><tbody>"
    )
    for c in model["controls"]:
        rule_lines, evidence_lines = [], []
        for rid in c["rules"]:
            r = rules[rid]
            label = RULE_LABELS[r["status"]]
            rule_lines.append(
                f'<li class="rule {r["status"]}"><a href="#rule-{_e(rid)}" class="mono">{_e(rid)}</a> '
                f"({_e(label)})</li>"
            )
            if r["evidence"]:
                evidence_lines.append(
                    f'<li><span class="mono">{_e(rid)}</span>:<ul class="plain">'
                    f"{_evidence_items(r['evidence'], EVIDENCE_PER_RULE_IN_ROW)}</ul></li>"
                )
            elif r["kind"] == "stack" and r["status"] != "not_applicable":
                evidence_lines.append(f'<li><span class="mono">{_e(rid)}</span>: stack-wide check</li>')
        if not c["rules"]:
            rule_lines.append('<li class="muted">no rule in the catalogue cites it</li>')
        findings = " ".join(f'<a href="#{_e(i)}" class="mono">{_e(i)}</a>' for i in c["findings"]) or "none"
        parts.append(
            f'<tr id="control-{_e(c["citation"])}"><td class="mono">{_e(c["citation"])}</td>'
            f"<td>{_e(c['title'])}</td>"
            f'<td>{_status(c["status"])}</td><td><ul class="plain">{"".join(rule_lines)}</ul></td>'
            f'<td><ul class="plain">{"".join(evidence_lines)}</ul></td><td>{findings}</td></tr>'
        )
    parts.append("</tbody></table>")

    parts.append('<h2 id="findings">Findings</h2>')
    parts.append(_findings_table(gate["findings"], "The gate found no violation in this state."))

    parts.append('<h2 id="live">Live checks</h2>')
    live = model["live"]
    if live is None:
        parts.append(
            "<p>No live results were given (<code>--verify-results</code>); this bundle judges the stack's "
            "state only.</p>"
        )
    else:
        target = ", ".join(f"{_e(k)}: {_e(_value(v))}" for k, v in live["target"].items())
        parts.append(
            f"<p>Target: {target or 'not stated'}. {_e(live['summary']['findings'])} findings "
            f"({_e(live['summary']['mandatory'])} mandatory); "
            f"{'passed' if live['summary']['passed'] else 'failed'}.</p>"
        )
        parts.append(_findings_table(live["findings"], "The live checks found no drift."))

    parts.append(sections.exceptions(model))

    parts.append(_business_associates(model["business_associates"]))

    parts.append('<h2 id="rules">Rules and evidence</h2>')
    for r in model["rules"]:
        label = RULE_LABELS[r["status"]]
        parts.append(
            f'<h3 id="rule-{_e(r["id"])}"><span class="mono">{_e(r["id"])}</span>: {_e(r["title"])} '
            f'<span class="rule {r["status"]}">({_e(label)})</span></h3>'
            f'<p class="muted">{_e(r["severity"])} · cites {_e(", ".join(r["citations"]))} · '
            f"{_e(_checks(r))} · remediation: {_e(r['remediation'])}</p>"
        )
        if r["evidence"]:
            parts.append(f'<ul class="plain">{_evidence_items(r["evidence"], EVIDENCE_PER_RULE)}</ul>')

    parts.append('<h2 id="inventory">Inventory</h2>')
    parts.append(
        "<table><thead><tr><th>Resource type</th><th>Count</th><th>Resources</th></tr></thead><tbody>"
    )
    for group in model["inventory"]:
        names = ", ".join(_e(r["name"]) for r in group["resources"][:NAMES_PER_TYPE])
        if group["count"] > NAMES_PER_TYPE:
            names += f' <span class="muted">… and {group["count"] - NAMES_PER_TYPE} more</span>'
        parts.append(
            f'<tr><td class="mono">{_e(group["type"])}</td><td>{_e(group["count"])}</td>'
            f'<td class="mono">{names}</td></tr>'
        )
    parts.append(f"<tr><th>Total</th><th>{_e(st['resources'])}</th><td></td></tr></tbody></table>")

    parts.append(
        "<footer>manifest.json beside this page holds the SHA-256 of every file of the bundle and of the "
        "input state: recompute them (<code>sha256sum index.html evidence.json evidence.schema.json</code>) "
        "to check "
        "nothing was edited after generation. evidence.json holds the same content for machines; "
        "evidence.schema.json documents it.</footer>"
    )
    parts.append("</main></body></html>\n")
    return "".join(parts)
