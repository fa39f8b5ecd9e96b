"""Sections of ``index.html`` beside the matrix: the time window (top of the first page) and the exceptions.

Like ``render``, this only escapes and lays out values of the model, which is already redacted.
"""

from __future__ import annotations

from html import escape
from typing import Any

WINDOW_ROWS = (
    ("state", "State exported or previewed", "not recorded in the state's manifest"),
    ("gate", "Gate judged the state", "not recorded in the gate report"),
    ("verify", "Live checks ran (verify)", "not given: no --verify-results, so no live check is in this bundle"),
    ("generated", "This bundle generated", "not recorded"),
)


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def time_window(model: dict[str, Any]) -> str:
    """The time window as a table: every moment the bundle stands on, and where it was read."""
    window = model.get("time_window")
    if not window:
        return ""
    rows = []
    for key, label, absent in WINDOW_ROWS:
        moment = window.get(key)
        cell = (f'<span class="mono">{_e(moment["time"])}</span> <span class="muted">({_e(moment["source"])})</span>'
                if moment else f'<span class="muted">{_e(absent)}</span>')
        rows.append(f'<tr id="window-{key}"><th>{_e(label)}</th><td>{cell}</td></tr>')
    return ('<h2 id="time-window">Time window</h2><p>The evidence holds as of these moments: the settings are '
            "the state's, the findings the gate's and the live checks' at the times they ran.</p>"
            '<table class="meta window"><tbody>' + "".join(rows) + "</tbody></table>")


def _list(items: list[str], empty: str) -> str:
    return f'<ul class="plain">{"".join(items)}</ul>' if items else f"<p>{_e(empty)}</p>"


def exceptions(model: dict[str, Any]) -> str:
    """The "Exceptions" section: waivers with the findings they waived, disabled rules, checkov's skips."""
    section = model.get("exceptions")
    if not section:
        return ""
    out = [
        '<h2 id="exceptions">Exceptions</h2>',
        "<p>What the baseline accepts instead of checking or fixing. A waived finding stays in the findings, marked "
        "waived; a control with a waived finding or a disabled rule is shown as excepted, never as met.</p>",
        "<h3>Waivers</h3>",
    ]
    declared = (f'<p>Exceptions file <span class="mono">{_e(section["file"])}</span>, SHA-256 '
                f'<span class="mono">{_e(section["sha256"])}</span>.</p>' if section["file"] else "")
    out.append(declared)
    if section["waivers"]:
        rows = []
        for w in section["waivers"]:
            links = " ".join(f'<a href="#{_e(i)}" class="mono">{_e(i)}</a>' for i in w["findings"]) or "none"
            rows.append(
                f'<tr><td class="mono">{_e(w["rule"])}</td><td class="mono">{_e(w["resource"] or "every resource")}'
                f"</td><td>{_e(w['reason'])}</td><td>{_e(w['owner'])}</td><td class=\"mono\">{_e(w['expires'])}</td>"
                f'<td class="mono">{_e(w["source"])}</td><td>{links}</td></tr>'
            )
        out.append(
            '<table class="fixed"><colgroup><col style="width:13em"><col style="width:11em"><col>'
            '<col style="width:12em"><col style="width:6.5em"><col style="width:12em"><col style="width:6em">'
            "</colgroup><thead><tr><th>Rule</th><th>Resource</th><th>Reason</th><th>Owner</th><th>Expires</th>"
            "<th>Declared at</th><th>Waived findings</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    else:
        out.append("<p>No waiver: every finding of this bundle is open.</p>")
    if section["unused"]:
        out.append("<p>Waivers that matched no finding (nothing left to accept; remove them):</p>")
        out.append(_list([f'<li><span class="mono">{_e(w["rule"])}</span> on '
                          f'<span class="mono">{_e(w["resource"] or "every resource")}</span>, declared at '
                          f'<span class="mono">{_e(w["source"])}</span></li>' for w in section["unused"]], ""))
    out.append("<h3>Rules disabled by the policy config</h3>")
    out.append(_list([f'<li><a href="#rule-{_e(d["id"])}" class="mono">{_e(d["id"])}</a>: {_e(d["reason"])}</li>'
                      for d in section["disabled_rules"]],
                     "None: every rule of the pack ran at its level."))
    out.append("<h3>Checkov checks the baseline skips</h3>")
    skips = []
    for s in section["checkov_skips"]:
        limits = [*(f"Terraform type {t}" for t in s["resource_types"]),
                  *(f"resources {n}" for n in s["resource_names"])]
        where = f' <span class="muted">(only {_e(", ".join(limits))})</span>' if limits else ""
        skips.append(f'<li><span class="mono">{_e(s["id"])}</span>{where}: {_e(s["reason"])}</li>')
    out.append(_list(skips, "None."))
    return "".join(out)
