"""bench/run.py measures every stage in its own process and prints the table and the ratios (tiny sizes here;
the README quotes the full run)."""

import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT


@pytest.mark.slow
def test_quick_bench_prints_every_stage_and_ratio():
    proc = subprocess.run([sys.executable, "bench/run.py", "--quick", "--sizes", "40,80"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("pms-baseline benchmarks, ") and "CPUs" in lines[0]
    table = lines[2:lines.index("ratios") - 1]
    rows = {(line.split()[0], line.split()[1]) for line in table}
    for stage in ("gate", "checkov", "gate+checkov", "evidence"):
        assert {(stage, "40"), (stage, "80")} <= rows
    assert {("preview", "250"), ("preview", "1000"), ("checkov", "prod"), ("gate+checkov", "prod"),
            ("verify", "+20b"), ("verify", "+200b")} <= rows
    text = proc.stdout
    assert "gate with checkov / checkov alone, prod stack: " in text
    assert "gate: time(80) / time(40) = " in text and "verify: time(200) / time(20) = " in text
    # peak memory is the stage's own (VmHWM of a fresh process), not the parent's
    gate_row = next(line for line in lines if line.startswith("gate ") and line.split()[1] == "40")
    assert 5 < float(gate_row.split()[4]) < 500
