"""The tool as `pip install` leaves it: a built wheel in a fresh virtualenv, used from a folder far from the
repository, next to a team program that has an ``infra`` package of its own.

Building the wheel and installing it are real (``pip wheel`` over a copy of the sources, ``pip install --no-deps``
of the result into a new virtualenv). The wheel's dependencies (pulumi, pulumi-aws, checkov, boto3) are taken
from this test run's own environment through a path entry, which keeps the test to seconds instead of
reinstalling a gigabyte; the path entry adds folders, not that environment's editable-install hooks, so every
``pms_baseline*`` module is imported from the wheel (asserted below).
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT

pytestmark = pytest.mark.slow
IGNORED = shutil.ignore_patterns(".venv", ".git", "__pycache__", "build", "dist", "*.egg-info", ".pytest_cache",
                                 ".ruff_cache", "venv", "out", "node_modules")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtualenv with the built wheel installed; returns (bin folder, environment, wheel path)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(REPO_ROOT, source, ignore=IGNORED)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"),
                            str(source)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = next((work / "dist").glob("pms_baseline-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                             capture_output=True, text=True, env=env, timeout=600)
    assert install.returncode == 0, install.stderr[-3000:]
    site = subprocess.run([str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return bin_dir, env, wheel


def run(installed, *args, cwd):
    bin_dir, env, _ = installed
    return subprocess.run([str(bin_dir / "pms-baseline"), *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=600)


def test_the_wheel_installs_our_names_only_and_carries_the_default_project(installed):
    _, _, wheel = installed
    with zipfile.ZipFile(wheel) as z:
        tops = {n.split("/")[0] for n in z.namelist() if not n.split("/")[0].endswith((".dist-info", ".data"))}
        names = set(z.namelist())
    assert tops == {"pms_baseline", "pms_baseline_infra", "pms_baseline_pack"}
    assert {"pms_baseline_infra/__main__.py", "pms_baseline_infra/_project/Pulumi.yaml",
            "pms_baseline_infra/_project/stacks/Pulumi.prod.yaml",
            "pms_baseline_pack/reference/aws_config_hipaa_rules.tsv"} <= names


def test_modules_come_from_the_wheel_not_the_repository(installed, tmp_path):
    bin_dir, env, _ = installed
    proc = subprocess.run([str(bin_dir / "python"), "-c", "import pms_baseline, pms_baseline_infra, "
                           "pms_baseline_pack; print(pms_baseline.__file__, pms_baseline_infra.__file__, "
                           "pms_baseline_pack.__file__)"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert str(REPO_ROOT) not in proc.stdout and proc.stdout.count(str(bin_dir.parent)) == 3


def test_gate_on_the_bundled_prod_stack_from_any_folder(installed, tmp_path):
    proc = run(installed, "gate", "--stack", "prod", "--format", "json", "--output", "gate.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "gate.json").read_text())
    assert [f for f in report["findings"] if f["enforcement"] == "mandatory"] == []
    assert report["target"]["program"].startswith(str(installed[0].parent))
    assert report["timings"]["checkov_checks"] > 0


def test_rules_and_python_dash_m(installed, tmp_path):
    bin_dir, env, _ = installed
    listed = run(installed, "rules", cwd=tmp_path)
    assert listed.returncode == 0 and "rds-instance-storage-encrypted" in listed.stdout
    as_module = subprocess.run([str(bin_dir / "python"), "-m", "pms_baseline", "rules"], capture_output=True,
                               text=True, cwd=tmp_path, env=env)
    assert as_module.returncode == 0 and as_module.stdout == listed.stdout


TEAM_PROGRAM = '''
    """A team's own program: its own `infra` package beside our components."""
    import pulumi

    from infra.naming import clinic_name
    from pms_baseline_infra.components.database import PhiDatabase, PhiDatabaseArgs
    from pms_baseline_infra.components.keyring import Keyring, KeyringArgs

    keys = Keyring(clinic_name("keys"), KeyringArgs(account_id="123456789012", region="us-east-1",
                                                     environment="prod", trail_name="org-trail"))
    db = PhiDatabase(clinic_name("db"), PhiDatabaseArgs(
        vpc_id="vpc-0abc", subnet_ids=["subnet-0a", "subnet-0b"], app_security_group_id="sg-0app",
        data_key_arn=keys.phi_key.arn, secrets_key_arn=keys.secrets_key.arn, log_key_arn=keys.audit_key.arn,
        environment="prod", backup_retention_days=35, log_retention_days=365))
    pulumi.export("endpoint", db.instance.address)
'''


def test_a_team_program_with_its_own_infra_package_uses_our_components(installed, tmp_path):
    team = tmp_path / "team"
    (team / "infra").mkdir(parents=True)
    (team / "infra" / "__init__.py").write_text("")
    (team / "infra" / "naming.py").write_text("def clinic_name(role):\n    return f'northside-{role}'\n")
    (team / "__main__.py").write_text(textwrap.dedent(TEAM_PROGRAM))
    (team / "Pulumi.yaml").write_text("name: northside\nruntime: python\n")
    (team / "Pulumi.prod.yaml").write_text("config:\n  aws:region: us-east-1\n")
    proc = run(installed, "preview", "--program", str(team), "--stack", "prod", "--output", "state.json",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    resources = json.loads((tmp_path / "state.json").read_text())["deployment"]["resources"]
    names = {r["urn"].rsplit("::", 1)[-1] for r in resources}
    assert {"northside-keys", "northside-db", "northside-db-db"} <= names
    gate = run(installed, "gate", "--state", "state.json", "--no-checkov", "--format", "json", cwd=tmp_path)
    flagged = {f["rule"] for f in json.loads(gate.stdout)["findings"]}
    assert gate.returncode == 1  # an application stack alone lacks the account's trail and recorder
    assert "cloudtrail-multi-region-trail-present" in flagged
    assert not {r for r in flagged if r.startswith(("rds-", "kms-"))}
