"""Markdown for a pull-request comment or a job summary, within GitHub's size limits.

The verdict and the counts (by HIPAA citation and by rule) always fit; then the findings, most serious first: the
first ``SHOWN`` in a table, the rest folded in ``<details>``, and whatever would pass the budget cut with a line
saying how many were left out and where the full list is.
"""

from __future__ import annotations

from collections import Counter

from pms_baseline import escape
from pms_baseline.findings import Finding, Report
from pms_baseline.writers.common import disabled_rules, where
from pms_baseline_pack.reference import citations as reference_citations

# GitHub limits: an issue or pull-request comment body holds at most 65,536 characters; each step's job summary
# ($GITHUB_STEP_SUMMARY) at most 1 MiB, and a larger one is dropped with an error.
# https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
COMMENT_LIMIT = 65_536
STEP_SUMMARY_LIMIT = 1_048_576
SHOWN = 25
"""Findings shown in the open table; the rest, up to the budget, are folded."""
WAIVED_KEPT = 10
"""Waived findings that always keep their room, however many open findings compete for the budget."""
_HEADER = ["| Severity | Enforcement | Rule | Resource | HIPAA | Finding | Fix |", "|---|---|---|---|---|---|---|"]
_WAIVED_HEADING = "#### Waived findings (accepted risks; they do not block)"
_WAIVED_HEADER = ["| Rule | Resource | Reason | Owner | Expires | Declared in |", "|---|---|---|---|---|---|"]
CUT_LINE = ("_{n} more{what} findings are not shown, to stay within {limit:,} bytes of Markdown; the JSON, SARIF "
            "and JUnit reports list every finding._")


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _row(f: Finding) -> str:
    return (f"| {escape.markdown(f.severity)} | {escape.markdown(f.enforcement)} | {escape.markdown_code(f.rule)} | "
            f"{escape.markdown_code(where(f))} | {escape.markdown(', '.join(f.citations))} | "
            f"{escape.markdown(f.message)} | {escape.markdown(f.remediation)} |")


def _counts(findings: list[Finding]) -> list[str]:
    titles = reference_citations()
    by_citation: Counter[tuple[str, bool]] = Counter()
    by_rule: Counter[tuple[str, bool]] = Counter()
    severity: dict[str, str] = {}
    for f in findings:
        for c in f.citations or ("(no citation)",):
            by_citation[(c, f.mandatory)] += 1
        by_rule[(f.rule, f.mandatory)] += 1
        severity.setdefault(f.rule, f.severity)
    lines = ["| HIPAA citation | Safeguard | Mandatory | Advisory |", "|---|---|---|---|"]
    for c in sorted({c for c, _ in by_citation}):
        title = titles[c].title if c in titles else ""
        lines.append(f"| {escape.markdown(c)} | {escape.markdown(title)} | {by_citation[(c, True)]} | "
                     f"{by_citation[(c, False)]} |")
    rules = sorted({r for r, _ in by_rule}, key=lambda r: (-by_rule[(r, True)], -by_rule[(r, False)], r))
    lines += ["", f"<details><summary>Findings by rule ({len(rules)} rules)</summary>", "",
              "| Rule | Severity | Mandatory | Advisory |", "|---|---|---|---|"]
    lines += [f"| {escape.markdown_code(r)} | {escape.markdown(severity[r])} | {by_rule[(r, True)]} | "
              f"{by_rule[(r, False)]} |" for r in rules]
    lines += ["", "</details>"]
    return lines


def _waived_row(f: Finding) -> str:
    w = f.waiver
    return (f"| {escape.markdown_code(f.rule)} | {escape.markdown_code(where(f))} | {escape.markdown(w.reason)} | "
            f"{escape.markdown(w.owner)} | {escape.markdown(w.expires)} | {escape.markdown_code(w.source)} |")


def _disabled(report: Report) -> list[str]:
    rules = disabled_rules(report)
    if not rules:
        return []
    return [f"Disabled by policy config, so not judged ({len(rules)}): "
            f"{', '.join(escape.markdown_code(r) for r, _ in rules)}", ""]


def markdown(report: Report, budget: int = COMMENT_LIMIT) -> str:
    """The report as Markdown of at most ``budget`` UTF-8 bytes (a comment's limit by default): the open
    findings first, then the waived ones (with reason, owner, expiry and where declared), each cut to the budget
    with a line saying how many were left out."""
    s = report.summary()
    icon = "✅" if s["passed"] else "❌"
    t = report.target
    what = (f"live verification: account {escape.markdown_code(t.get('account') or '?')}" if report.source == "live"
            else f"gate: stack {escape.markdown_code(t.get('stack') or '?')}")
    waived_count = f" · {s['waived']} waived" if s["waived"] else ""
    head = [f"### {icon} HIPAA {what} {'passed' if s['passed'] else 'failed'}", "",
            f"{s['resources']} resources · {s['mandatory']} mandatory · {s['advisory']} advisory findings"
            f"{waived_count}", "", *_disabled(report)]
    if not report.findings:
        return "\n".join([*head, "No findings."]) + "\n"
    open_ = [f for f in report.findings if not f.waived]
    waived = [f for f in report.findings if f.waived]
    if open_:
        head += [*_counts(open_), "", "#### Findings", "", *_HEADER]
    reserve = _size(CUT_LINE.format(n=len(report.findings), what="", limit=budget)) + 64
    if waived:  # room for the waived section's heading, its first rows and its cut line, whatever the open take
        reserve += _size("\n".join(["", _WAIVED_HEADING, "", *_WAIVED_HEADER])) + reserve + sum(
            _size(_waived_row(f)) + 1 for f in waived[:WAIVED_KEPT])
    lines = head
    used = _size("\n".join(lines)) + 1
    shown = 0
    folded = False
    for f in open_:
        row = _row(f)
        extra = []
        if shown == SHOWN and not folded:
            extra = ["", f"<details><summary>{len(open_) - SHOWN} more findings</summary>", "", *_HEADER]
        closing = "\n\n</details>" if (folded or extra) else ""
        cost = _size("\n".join([*extra, row])) + 1
        if used + cost + _size(closing) + reserve > budget:
            break
        lines += [*extra, row]
        folded = folded or bool(extra)
        used += cost
        shown += 1
    if folded:
        lines += ["", "</details>"]
    if shown < len(open_):
        lines += ["", CUT_LINE.format(n=len(open_) - shown, what="", limit=budget)]
    if waived:
        lines += ["", _WAIVED_HEADING, "", *_WAIVED_HEADER]
        used = _size("\n".join(lines)) + 1
        cut = _size(CUT_LINE.format(n=len(waived), what=" waived", limit=budget)) + 64
        listed = 0
        for f in waived:
            row = _waived_row(f)
            if used + _size(row) + 1 + cut > budget:
                break
            lines.append(row)
            used += _size(row) + 1
            listed += 1
        if listed < len(waived):
            lines += ["", CUT_LINE.format(n=len(waived) - listed, what=" waived", limit=budget)]
    return "\n".join(lines) + "\n"
