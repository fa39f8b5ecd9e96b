"""Helpers for the adversarial tests: run the CLI as a user would, in a subprocess, and read what it printed."""

import os
import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT


def run_cli(*args: str, cwd=None, stdin: str | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-m", "pms_baseline", *args], capture_output=True, text=True,
                          cwd=cwd or REPO_ROOT, input=stdin, env=env, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli
