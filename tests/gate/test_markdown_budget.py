"""The Markdown summary fits where GitHub puts it: a pull-request comment (65,536) and a job summary (1 MiB,
appended to what earlier steps wrote), even for a 10,000-resource state that fails everywhere."""

import json
import os
import subprocess
import sys

import pytest

from bench.synth import synthetic_state
from pms_baseline.gate import run_gate
from pms_baseline.state import parse_document
from pms_baseline.writers import COMMENT_LIMIT, STEP_SUMMARY_LIMIT, render
from tests.helpers import REPO_ROOT


@pytest.fixture(scope="module")
def failing_report():
    doc, _ = synthetic_state(10_000, violations=1.0)
    return run_gate(parse_document(doc, "synthetic"), checkov=False)


@pytest.mark.slow
@pytest.mark.parametrize("budget", [COMMENT_LIMIT, STEP_SUMMARY_LIMIT])
def test_a_large_failing_state_fits_each_limit(failing_report, budget):
    md = render(failing_report, "markdown", budget)
    total = len(failing_report.findings)
    assert total > 1000
    assert len(md.encode("utf-8")) <= budget
    assert "| HIPAA citation | Safeguard | Mandatory | Advisory |" in md
    assert "<details><summary>Findings by rule" in md
    shown = md.count("\n| ") - md.count("\n| HIPAA citation") - md.count("\n| Rule |")
    assert "more findings are not shown, to stay within" in md
    left = int(md.rsplit("_", 2)[-2].split(" more findings")[0])
    assert 0 < left < total
    assert md.count("<details>") == md.count("</details>")
    assert shown > 0


def test_a_short_report_is_whole_and_folds_after_the_first_rows(failing_report):
    from dataclasses import replace

    few = replace(failing_report, findings=failing_report.findings[:40])
    md = render(few, "markdown")
    assert "<details><summary>15 more findings</summary>" in md
    assert "not shown" not in md


def test_the_step_summary_is_appended_not_replaced(tmp_path):
    summary = tmp_path / "step_summary.md"
    summary.write_text("## Earlier step\n")
    state = REPO_ROOT / "tests" / "fixtures" / "exports" / "clinic-prod-v3.json"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    proc = subprocess.run([sys.executable, "-m", "pms_baseline", "gate", "--state", str(state), "--no-checkov",
                           "--report", f"markdown:{summary}", "--format", "json", "--output", "-"],
                          capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr
    text = summary.read_text()
    assert text.startswith("## Earlier step\n### ❌ HIPAA gate: stack <code>prod</code> failed")
    assert json.loads(proc.stdout)["summary"]["mandatory"] > 0
