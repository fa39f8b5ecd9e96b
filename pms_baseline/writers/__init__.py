"""Report writers: each turns a Report into the text one reader wants (a person, CI, GitHub, a PR).

Every format is a writer over the same list of findings; every writer escapes what others wrote (resource and
stack names, quoted values) for its medium through ``pms_baseline.escape``.
"""

from __future__ import annotations

import json

from pms_baseline.findings import Report
from pms_baseline.writers.junit import junit
from pms_baseline.writers.markdown import COMMENT_LIMIT, STEP_SUMMARY_LIMIT, markdown
from pms_baseline.writers.sarif import SARIF_SCHEMA, sarif
from pms_baseline.writers.table import table

FORMATS = ("table", "json", "sarif", "junit", "markdown")
__all__ = ["COMMENT_LIMIT", "FORMATS", "SARIF_SCHEMA", "STEP_SUMMARY_LIMIT", "as_json", "junit", "markdown",
           "render", "sarif", "table"]


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


def render(report: Report, fmt: str, budget: int | None = None, quiet: bool = False, compact: bool = False) -> str:
    """``report`` in format ``fmt``; ``budget`` caps the Markdown's length (a pull-request comment's by default);
    ``quiet`` and ``compact`` shape the terminal table."""
    if fmt == "table":
        return table(report, quiet=quiet, compact=compact)
    if fmt == "markdown":
        return markdown(report, budget or COMMENT_LIMIT)
    return {"json": as_json, "sarif": sarif, "junit": junit}[fmt](report)
