"""Rollout controls on a real export with findings of every kind: --soft-fail, {"all": "advisory"} (checkov's
findings included), --check/--skip-check by rule, severity and citation, --quiet and --compact."""

import json

import pytest

from pms_baseline.cli import main
from tests.helpers import FIXTURES

STATE = str(FIXTURES / "exports" / "clinic-prod-v3.json")


def gate(capsys, *args):
    code = main(["gate", "--state", STATE, *args])
    out = capsys.readouterr().out
    return code, out


def findings(capsys, *args):
    code, out = gate(capsys, "--format", "json", *args)
    return code, json.loads(out)["findings"]


def test_soft_fail_reports_everything_and_exits_0(capsys):
    strict_code, strict = findings(capsys, "--no-checkov")
    soft_code, soft = findings(capsys, "--no-checkov", "--soft-fail")
    assert (strict_code, soft_code) == (1, 0)
    assert soft == strict and any(f["enforcement"] == "mandatory" for f in soft)


@pytest.mark.slow
def test_all_advisory_makes_checkov_advisory_too(capsys, tmp_path):
    config = tmp_path / "policy.json"
    config.write_text('{"all": "advisory"}')
    code, found = findings(capsys, "--config", str(config))
    assert code == 0
    assert {f["source"] for f in found} >= {"policy-pack", "checkov"}
    assert {f["enforcement"] for f in found} == {"advisory"}


def test_check_and_skip_check_select_by_rule_severity_and_citation(capsys):
    _, everything = findings(capsys, "--no-checkov")
    _, by_citation = findings(capsys, "--no-checkov", "--check", "164.312")
    assert by_citation and all(any(c.startswith("164.312") for c in f["citations"]) for f in by_citation)
    assert len(by_citation) < len(everything)
    _, no_low = findings(capsys, "--no-checkov", "--skip-check", "low,medium")
    assert no_low and {f["severity"] for f in no_low} <= {"high", "critical"}
    _, one_rule = findings(capsys, "--no-checkov", "--check", "s3-bucket-tls-only")
    assert {f["rule"] for f in one_rule} == {"s3-bucket-tls-only"}


def test_quiet_and_compact_shape_the_table(capsys, tmp_path):
    config = tmp_path / "policy.json"
    config.write_text('{"s3-bucket-tls-only": "advisory"}')
    _, full = gate(capsys, "--no-checkov", "--config", str(config))
    _, quiet = gate(capsys, "--no-checkov", "--config", str(config), "--quiet")
    assert "s3-bucket-tls-only" in full and "s3-bucket-tls-only" not in quiet
    assert quiet.splitlines()[-1] == full.splitlines()[-1]  # the counts still count every finding
    assert ", 1 advisory findings" in full.splitlines()[-1]
    _, compact = gate(capsys, "--no-checkov", "--compact")
    message = "use the AuditTrail component, which records every region"
    assert message in full and message not in compact
    assert compact.splitlines()[-1] == gate(capsys, "--no-checkov")[1].splitlines()[-1]


def test_progress_is_drawn_on_a_terminal_only(capsys):
    import io

    from rich.console import Console

    from pms_baseline.progress import Progress

    screen = io.StringIO()
    with Progress(enabled=True, console=Console(file=screen, force_terminal=True, width=100)).stage("judging 8 things"):
        pass
    assert "judging 8 things" in screen.getvalue()
    hostile = io.StringIO()
    with Progress(enabled=True, console=Console(file=hostile, force_terminal=True, width=100)).stage(
            "previewing stack [red]prod\x1b[2J"):
        pass
    assert "[red]prod\\x1b[2J" in hostile.getvalue()  # markup and control characters shown, not obeyed
    code = main(["gate", "--state", STATE, "--no-checkov", "--format", "json"])
    assert code == 1 and capsys.readouterr().err == ""  # not a terminal: nothing drawn
