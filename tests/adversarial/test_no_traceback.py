"""Inputs that used to end in a traceback (exit 1, which CI reads as 'findings') end in one line and exit 2."""

import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT


def one_line_exit_2(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("pms-baseline: error: ")
    assert proc.stdout == ""
    return proc.stderr


CASES = {
    "deeply nested JSON": lambda p: p.write_text("[" * 200_000 + "]" * 200_000),
    "bytes that are not UTF-8": lambda p: p.write_bytes(b'{"version": 3, "deployment": "\xff\xfe"}'),
    "truncated JSON": lambda p: p.write_text('{"version": 3, "deployment": {"resources": [{"urn": '),
    "an empty file": lambda p: p.write_text(""),
    "a JSON string": lambda p: p.write_text('"just a string"'),
    "a wrong version": lambda p: p.write_text('{"version": 99, "deployment": {}}'),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["gate", "convert", "evidence"])
def test_a_bad_state_file_is_one_line_and_exit_2(cli, tmp_path, case, command):
    state = tmp_path / "state.json"
    CASES[case](state)
    args = {"gate": ["gate", "--state", str(state), "--no-checkov"],
            "convert": ["convert", "--state", str(state), "--to", "terraform-plan", "--out", str(tmp_path / "p.json")],
            "evidence": ["evidence", "--state", str(state), "--out", str(tmp_path / "bundle")]}[command]
    one_line_exit_2(cli(*args))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"], "nothing is written"


def test_a_directory_given_as_the_state(cli, tmp_path):
    assert str(tmp_path) in one_line_exit_2(cli("gate", "--state", str(tmp_path), "--no-checkov"))


def test_a_closed_standard_input(tmp_path):
    proc = subprocess.run(["bash", "-c", f"{sys.executable} -m pms_baseline gate --state - --no-checkov <&-"],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    one_line_exit_2(proc)


def test_emulate_against_an_endpoint_that_is_down(cli):
    from tests.helpers import FIXTURES

    proc = cli("emulate", "--state", str(FIXTURES / "exports" / "clinic-prod-v3.json"),
               "--endpoint-url", "http://127.0.0.1:9", "--no-wait")
    assert "cannot reach the endpoint http://127.0.0.1:9" in one_line_exit_2(proc)
