"""The code follows the project's lint settings (pyproject.toml [tool.ruff])."""

import subprocess
import sys

from tests.helpers import REPO_ROOT


def test_ruff_finds_nothing():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(REPO_ROOT)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
