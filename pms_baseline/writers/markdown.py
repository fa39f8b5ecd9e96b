"""Markdown for a pull-request comment or a job summary, within GitHub's size limits.

The verdict and the counts (by HIPAA citation and by rule) always fit; then the findings, most serious first: the
first ``SHOWN`` in a table, the rest folded in ``<details>``, and whatever would pass the budget cut with a line
saying how many were left out and where the full list is.
"""

from __future__ import annotations

from collections import Counter

from pms_baseline import escape
from pms_baseline.findings import Finding, Report
from pms_baseline.writers.common import where
from pms_baseline_pack.reference import citations as reference_citations

# GitHub limits: an issue or pull-request comment body holds at most 65,536 characters; each step's job summary
# ($GITHUB_STEP_SUMMARY) at most 1 MiB, and a larger one is dropped with an error.
# https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
COMMENT_LIMIT = 65_536
STEP_SUMMARY_LIMIT = 1_048_576
SHOWN = 25
"""Findings shown in the open table; the rest, up to the budget, are folded."""
_HEADER = ["| Severity | Enforcement | Rule | Resource | HIPAA | Finding | Fix |", "|---|---|---|---|---|---|---|"]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _row(f: Finding) -> str:
    return (f"| {escape.markdown(f.severity)} | {escape.markdown(f.enforcement)} | {escape.markdown_code(f.rule)} | "
            f"{escape.markdown_code(where(f))} | {escape.markdown(', '.join(f.citations))} | "
            f"{escape.markdown(f.message)} | {escape.markdown(f.remediation)} |")


def _counts(report: Report) -> list[str]:
    titles = reference_citations()
    by_citation: Counter[tuple[str, bool]] = Counter()
    by_rule: Counter[tuple[str, bool]] = Counter()
    severity: dict[str, str] = {}
    for f in report.findings:
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


def markdown(report: Report, budget: int = COMMENT_LIMIT) -> str:
    """The report as Markdown of at most ``budget`` UTF-8 bytes (a comment's limit by default)."""
    s = report.summary()
    icon = "✅" if s["passed"] else "❌"
    t = report.target
    what = (f"live verification: account {escape.markdown_code(t.get('account') or '?')}" if report.source == "live"
            else f"gate: stack {escape.markdown_code(t.get('stack') or '?')}")
    head = [f"### {icon} HIPAA {what} {'passed' if s['passed'] else 'failed'}", "",
            f"{s['resources']} resources · {s['mandatory']} mandatory · {s['advisory']} advisory findings", ""]
    if not report.findings:
        return "\n".join([*head, "No findings."]) + "\n"
    head += [*_counts(report), "", "#### Findings", "", *_HEADER]
    cut_line = ("_{n} more findings are not shown, to stay within {limit:,} bytes of Markdown; the JSON, SARIF "
                "and JUnit reports list every finding._")
    reserve = _size(cut_line.format(n=len(report.findings), limit=budget)) + 64
    lines = head
    used = _size("\n".join(lines)) + 1
    shown = 0
    folded = False
    for f in report.findings:
        row = _row(f)
        extra = []
        if shown == SHOWN and not folded:
            extra = ["", f"<details><summary>{len(report.findings) - SHOWN} more findings</summary>", "",
                     *_HEADER]
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
    if shown < len(report.findings):
        lines += ["", cut_line.format(n=len(report.findings) - shown, limit=budget)]
    return "\n".join(lines) + "\n"
