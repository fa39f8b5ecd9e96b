"""The offline preview is byte-for-byte the same for the same program and config (with SOURCE_DATE_EPOCH set,
the time it records is fixed too), so a state's hash binds evidence to one state and not to one run."""

import hashlib
import os
import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT


@pytest.mark.slow
def test_three_previews_of_the_prod_stack_are_identical(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    digests = set()
    for n in range(3):
        out = tmp_path / f"prod-{n}.json"
        subprocess.run([sys.executable, "-m", "pms_baseline", "preview", "--stack", "prod", "--output", str(out)],
                       check=True, cwd=REPO_ROOT, env=env, capture_output=True, timeout=600)
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
        assert '"time": "2026-01-01T00:00:00Z"' in out.read_text()
    assert len(digests) == 1
