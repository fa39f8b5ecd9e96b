"""Verify's sessions answering what a state declares and moto cannot hold (backup selections, vault access
policies, IAM Access Analyzer analyzers; `emulate` lists them as not emulated), for tests that run the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.live import access_analyzer_answers, backup_answers


def answer_verify_sessions(monkeypatch, state_file: Path) -> None:
    """Make every session ``runner.make_session`` returns answer what ``state_file`` declares."""
    from pms_baseline.live import runner
    from pms_baseline.state import parse_document

    state = parse_document(json.loads(Path(state_file).read_text()))
    made = runner.make_session

    def make(profile=None):
        session = made(profile)
        backup_answers.answer_declared(session, state)
        access_analyzer_answers.answer_declared(session, state)
        return session

    monkeypatch.setattr(runner, "make_session", make)
