"""Output paths: devices and FIFOs written in place, '-' is stdout, bad paths refused before any work."""

import os
import stat
import subprocess
import sys
import threading

import pytest

from pms_baseline.errors import InputError
from pms_baseline.io import STDOUT, check_output, check_outputs, write_outputs
from tests.helpers import FIXTURES, REPO_ROOT

STATE = str(FIXTURES / "exports" / "clinic-prod-v3.json")


def test_dev_null_stays_a_device(cli):
    proc = cli("gate", "--state", STATE, "--no-checkov", "--output", "/dev/null")
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_standard_output_not_a_file(cli, tmp_path):
    proc = cli("gate", "--state", STATE, "--no-checkov", "--format", "json", "--output", "-", cwd=tmp_path)
    assert proc.stdout.lstrip().startswith("{")
    assert not (tmp_path / "-").exists()


def test_dev_stdout_is_written_in_place(cli, tmp_path):
    proc = cli("gate", "--state", STATE, "--no-checkov", "--format", "json", "--output", "/dev/stdout",
               cwd=tmp_path)
    assert proc.stdout.lstrip().startswith("{"), proc.stderr


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    out = check_output(str(fifo))
    assert out.direct
    write_outputs([(out, "through the pipe\n")])
    reader.join(timeout=30)
    assert got == ["through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize(("report", "message"), [
    ("sarif:{tmp}/no-such-folder/gate.sarif", "no-such-folder/gate.sarif: folder"),
    ("sarif:{tmp}", "is a directory; give a file name"),
    ("sarif:{tmp}/gate.json", "named twice as an output"),
])
def test_a_bad_report_path_is_refused_before_any_work(cli, tmp_path, report, message):
    first = tmp_path / "gate.json"
    proc = cli("gate", "--state", STATE, "--no-checkov", "--format", "json", "--output", str(first),
               "--report", report.format(tmp=tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert not first.exists(), "no output of a refused run is written"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_every_output_of_a_run_or_none(tmp_path):
    """A failure while writing the second file (its folder vanished after the check) leaves neither file and no
    temporary file behind."""
    good, bad = tmp_path / "a.json", tmp_path / "sub" / "b.json"
    (tmp_path / "sub").mkdir()
    outs = check_outputs([str(good), str(bad)])
    (tmp_path / "sub").rmdir()
    with pytest.raises(InputError, match="cannot write"):
        write_outputs([(outs[0], "a"), (outs[1], "b")])
    assert list(tmp_path.iterdir()) == []


def test_stdout_may_be_named_more_than_once():
    assert [o.path for o in check_outputs([STDOUT, STDOUT])] == [STDOUT, STDOUT]


def test_a_closed_pipe_ends_quietly_with_the_verdict_kept():
    """`gate | head -1`: the reader leaves early; no BrokenPipeError traceback, and the exit code is still the
    gate's verdict (1: the fixture has mandatory findings), not a pass."""
    script = (f"{sys.executable} -m pms_baseline gate --state {STATE} --no-checkov --format json | head -c 10 "
              "> /dev/null; exit ${PIPESTATUS[0]}")
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
    assert proc.returncode == 1


def test_rules_into_head_has_no_traceback():
    script = f"{sys.executable} -m pms_baseline rules | head -3 > /dev/null; exit ${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    assert proc.stderr == ""
    assert proc.returncode in (0, 141)


@pytest.mark.parametrize("command", [
    ["convert", "--state", STATE, "--to", "terraform-plan", "--out"],
    ["verify", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--output"],
    ["preview", "--stack", "prod", "--output"],
    ["emulate", "--state", STATE, "--no-wait", "--out"],
])
def test_every_command_refuses_a_bad_output_path_before_any_work(cli, tmp_path, command):
    proc = cli(*command, str(tmp_path / "missing-folder" / "out.json"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "missing-folder/out.json: folder" in proc.stderr
