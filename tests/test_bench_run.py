"""bench/run.py measures every stage in its own process, compares whole processes side by side with checkov
alone, and prints the table, the comparison and the ratios (tiny sizes here; the README quotes the full run)."""

import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT


@pytest.mark.slow
def test_quick_bench_prints_every_stage_comparison_and_ratio():
    proc = subprocess.run([sys.executable, "bench/run.py", "--quick", "--sizes", "40,80"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("pms-baseline benchmarks, ") and "CPUs" in lines[0] and "load average" in lines[0]
    table = lines[2:lines.index("")]
    rows = {(line.split()[0], line.split()[1]) for line in table}
    for stage in ("gate", "checkov", "gate+checkov", "gate+checkov/1cpu", "evidence"):
        assert {(stage, "40"), (stage, "80")} <= rows
    assert {("preview", "250"), ("preview", "1000"), ("checkov", "prod"), ("gate+checkov", "prod"),
            ("evidence/gc-on", "80"), ("verify", "+20b"), ("verify", "+200b")} <= rows
    # whole processes side by side: each command's seconds, peak and ratio to checkov alone, with the targets
    side = lines[lines.index("") + 1:]
    assert side[0].startswith("whole processes side by side (median of 1")
    compared = {line[:27].strip(): line[27:].split() for line in side[2:6]}
    assert set(compared) == {"checkov alone", "gate --state", "gate --state --no-checkov", "gate --stack"}
    assert all(cells[0] == "prod" and float(cells[1]) > 0 and cells[3].endswith("x") for cells in compared.values())
    assert compared["checkov alone"][3] == "1.000x"
    assert "target <= 0.4:" in side[3] and "target <= 1.0:" in side[5]
    text = proc.stdout
    assert "gate with checkov / checkov alone, prod stack: " in text
    assert "batches on one CPU / on every CPU, 80 resources: " in text
    assert "evidence, collector on / paused, 80 resources: " in text
    assert "gate: time(80) / time(40) = " in text and "verify: time(200) / time(20) = " in text
    # issue 20's in-process targets: --quick measures neither at 10,000 resources, and says so
    assert "targets (in-process stages)" in lines
    assert "  preview at 10000 resources: not measured in this run (its sizes do not include 10000)" in lines
    assert "  evidence at 10000 resources: not measured in this run (its sizes do not include 10000)" in lines
    # peak memory is the stage's own (VmHWM of a fresh process, or its largest worker), not the parent's
    gate_row = next(line for line in lines if line.startswith("gate ") and line.split()[1] == "40")
    assert 5 < float(gate_row.split()[4]) < 500


def test_in_process_targets_are_judged_from_the_run_figures():
    from bench.run import stage_targets

    rows = {("preview", 10_000): {"seconds": 9.9, "peak_mib": 231.0},
            ("evidence", 10_000): {"seconds": 1.51, "peak_mib": 284.0}}
    assert stage_targets(rows) == [
        "targets (in-process stages)",
        "  preview at 10000 resources: 9.90 s (target <= 10 s: met), 231 MiB peak (target <= 400 MiB: met)",
        "  evidence at 10000 resources: 1.51 s (target <= 1.5 s: MISSED)",
    ]
