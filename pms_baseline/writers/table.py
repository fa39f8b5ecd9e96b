"""The terminal table: findings grouped by HIPAA citation, severity coloured on a TTY."""

from __future__ import annotations

import os
import sys

from pms_baseline import escape
from pms_baseline.findings import Report, by_primary_citation
from pms_baseline.writers.common import disabled_rules
from pms_baseline.writers.common import where as _where
from pms_baseline_pack.reference import citations as reference_citations

_COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m"}


def table(report: Report, colour: bool | None = None, quiet: bool = False, compact: bool = False) -> str:
    """For a terminal: findings grouped by HIPAA citation, severity coloured on a TTY; ``quiet`` shows only the
    mandatory findings (the counts still count all), ``compact`` one line a finding without its message. Waived
    findings are listed apart with the waiver's expiry, owner, reason and where it was declared."""
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
    shown = [f for f in report.findings if f.mandatory] if quiet else [f for f in report.findings if not f.waived]
    # Each finding once, under its first citation; the others are listed on the finding.
    for citation, items in by_primary_citation(shown).items():
        title = titles[citation].title if citation in titles else ""
        lines.append("")
        lines.append(f"{citation}  {title}".rstrip())
        for f in items:
            sev = f.severity.upper()
            if colour:
                sev = f"{_COLOURS.get(f.severity, '')}{sev}\033[0m"
            more = [c for c in f.citations if c != citation]
            extra = f"  also {', '.join(more)}" if more else ""
            found = f"  (also checkov {', '.join(a.split(':', 1)[1] for a in f.also_found_by)})" if (
                f.also_found_by) else ""
            lines.append(f"  {sev:<8} {f.enforcement:<9} {escape.terminal(f.rule)}  [{escape.terminal(_where(f))}]"
                         f"{extra}{found}")
            if not compact:
                lines.append(f"           {escape.terminal(f.message)}")
    waived = [] if quiet else [f for f in report.findings if f.waived]
    if waived:
        lines += ["", "Waived (accepted risks; they do not block)"]
    for f in waived:
        w = f.waiver
        lines.append(f"  {f.severity.upper():<8} {'waived':<9} {escape.terminal(f.rule)}  "
                     f"[{escape.terminal(_where(f))}]  until {escape.terminal(w.expires)} "
                     f"by {escape.terminal(w.owner)}")
        if not compact:
            lines.append(f"           {escape.terminal(w.reason)} ({escape.terminal(w.source)})")
    disabled = disabled_rules(report)
    by_reason: dict[str, list[str]] = {}
    for rule_id, reason in disabled:
        by_reason.setdefault(reason, []).append(rule_id)
    for reason, ids in by_reason.items() if not quiet else ():
        label = "Disabled by policy config (not judged)" if reason == "disabled by policy config" else (
            f"Not judged, {reason}")
        lines += ["", f"{escape.terminal(label)}: {escape.terminal(', '.join(ids))}"]
    lines.append("")
    timing = report.timings
    extra = ""
    if "checkov_checks" in timing:
        extra = (f"; checkov {int(timing['checkov_checks'])} checks, {int(timing['checkov_passed'])} passed, "
                 f"{int(timing['checkov_failed'])} failed, {int(timing['checkov_skipped'])} skipped "
                 f"in {timing['checkov_seconds']:.2f}s")
    verdict = "PASSED" if s["passed"] else "FAILED"
    waived_count = f", {s['waived']} waived" if s["waived"] else ""
    lines.append(f"{verdict}: {s['mandatory']} mandatory, {s['advisory']} advisory findings{waived_count}{extra}")
    return "\n".join(lines) + "\n"
