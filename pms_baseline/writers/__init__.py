"""Report writers: each turns a Report into the text one reader wants (a person, CI, GitHub, a PR).

Every format is a writer over the same list of findings; every writer escapes what others wrote (resource and
stack names, quoted values) for its medium through ``pms_baseline.escape``.
"""

from __future__ import annotations

import importlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pms_baseline.findings import Report

FORMATS = ("table", "json", "sarif", "junit", "markdown")
__all__ = ["COMMENT_LIMIT", "FORMATS", "SARIF_SCHEMA", "STEP_SUMMARY_LIMIT", "as_json", "junit", "markdown",
           "render", "sarif", "table"]

_FROM = {"junit": "junit", "markdown": "markdown", "COMMENT_LIMIT": "markdown", "STEP_SUMMARY_LIMIT": "markdown",
         "sarif": "sarif", "SARIF_SCHEMA": "sarif", "table": "table"}
"""Each writer's names, imported from its module when first asked for: the command line reads ``FORMATS`` while
it builds its parser, before it starts checkov's import in a process of its own (``checkov_bridge.warm_up``),
and the writers' imports (the SARIF schema's version, JUnit's XML) are not needed that early."""


def _load() -> None:
    """Import the writers and bind their names here (over the submodules the import binds to the same names)."""
    for name, module in _FROM.items():
        globals()[name] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()["_loaded"] = True


_loaded = False


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load()
    return globals()[name]


def as_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"


def render(report: Report, fmt: str, budget: int | None = None, quiet: bool = False, compact: bool = False) -> str:
    """``report`` in format ``fmt``; ``budget`` caps the Markdown's length (a pull-request comment's by default);
    ``quiet`` and ``compact`` shape the terminal table."""
    if not _loaded:
        _load()
    names = globals()
    if fmt == "table":
        return names["table"](report, quiet=quiet, compact=compact)
    if fmt == "markdown":
        return names["markdown"](report, budget or names["COMMENT_LIMIT"])
    return {"json": as_json, "sarif": names["sarif"], "junit": names["junit"]}[fmt](report)
