"""Progress on standard error for the stages of a long run (preview, the pack, checkov), drawn by rich only when
standard error is a terminal and the user did not ask for ``--quiet``; CI logs and pipes see nothing of it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Progress:
    """Stage by stage status: ``with progress.stage("judging 8,000 resources"): ...``."""

    def __init__(self, enabled: bool, console: Any = None) -> None:
        self.enabled = enabled and (console is not None or sys.stderr.isatty())
        self._console = console

    @contextmanager
    def stage(self, text: str) -> Iterator[None]:
        if not self.enabled:
            yield
            return
        from rich.console import Console
        from rich.markup import escape as markup_escape

        from pms_baseline.escape import terminal

        text = markup_escape(terminal(text))  # a stack name is the user's text: shown, never rich markup or a control
        console = self._console or Console(stderr=True)
        with console.status(text, spinner="dots"):
            yield
        console.print(f"[dim]done:[/dim] {text}", highlight=False, markup=True)
