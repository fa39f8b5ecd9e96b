"""The pack as Pulumi Cloud runs it: published, unpacked elsewhere, started in a virtualenv of its own.

``pulumi policy publish`` uploads the pack directory alone, and every ``pulumi preview`` in a policy group
enforcing it installs ``requirements.txt`` into a fresh virtualenv and starts the pack's program there. This test
does the same: tar the directory (nothing from outside it), unpack it into a temporary folder away from the
repository, install ``requirements.txt`` from the package index into a new virtualenv, start the program as the
CLI does (``python -u <pack dir>``, which prints the port) and speak the Analyzer protocol to it.
"""

import os
import subprocess
import sys
import tarfile
import venv

import grpc
import pytest
import yaml
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2 as proto
from pulumi.runtime.proto import analyzer_pb2_grpc

from pms_baseline_pack import __version__
from pms_baseline_pack.rules import catalogue
from tests.helpers import REPO_ROOT

PACK_DIR = REPO_ROOT / "policy_packs" / "hipaa"
SKIPPED = {"venv", "__pycache__", ".pytest_cache"}
RDS = "aws:rds/instance:Instance"


def publish_tarball(dest):
    """The pack directory as a tarball, the way `pulumi policy publish` compresses it (its venv left out)."""
    path = dest / "pms-hipaa.tgz"

    def keep(info: tarfile.TarInfo):
        return None if SKIPPED & set(info.name.split("/")) else info

    with tarfile.open(path, "w:gz") as tar:
        tar.add(PACK_DIR, arcname=".", filter=keep)
    return path


def test_the_tarball_holds_the_pack_and_nothing_from_outside_it(tmp_path):
    with tarfile.open(publish_tarball(tmp_path)) as tar:
        names = {n.removeprefix("./") for n in tar.getnames()}
    assert {"PulumiPolicy.yaml", "__main__.py", "requirements.txt", "pms_baseline_pack/pack.py",
            "pms_baseline_pack/rules/__init__.py", "pms_baseline_pack/tokens.py",
            "pms_baseline_pack/reference/hipaa_security_rule.tsv"} <= names
    assert not any(n.startswith(("pms_baseline/", "infra/")) for n in names)


def test_the_pack_version_is_the_project_version():
    from importlib.metadata import version

    declared = yaml.safe_load((PACK_DIR / "PulumiPolicy.yaml").read_text())["version"]
    assert declared == __version__ == version("pms-baseline")


@pytest.mark.slow
def test_the_published_pack_starts_in_its_own_virtualenv_and_judges(tmp_path):
    unpacked = tmp_path / "policy-pack"
    unpacked.mkdir()
    with tarfile.open(publish_tarball(tmp_path)) as tar:
        tar.extractall(unpacked, filter="data")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(unpacked / "requirements.txt")],
                             capture_output=True, text=True, env=clean_env, timeout=600)
    assert install.returncode == 0, install.stderr[-3000:]
    # The pack's own interpreter cannot see the repository: only the unpacked folder and its virtualenv.
    probe = subprocess.run([str(python), "-c", "import importlib.util as u; print(u.find_spec('pms_baseline'))"],
                           capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert probe.stdout.strip() == "None"

    proc = subprocess.Popen([str(python), "-u", str(unpacked)], cwd=tmp_path, env=clean_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline().strip() or "0")
        assert port, proc.stderr.read()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = analyzer_pb2_grpc.AnalyzerStub(channel)
            info = stub.GetAnalyzerInfo(empty_pb2.Empty(), timeout=60)
            assert info.name == "pms-hipaa"
            assert sorted(p.name for p in info.policies) == sorted(r.id for r in catalogue())
            stub.Configure(proto.ConfigureAnalyzerRequest(), timeout=30)
            props = struct_pb2.Struct()
            props.update({"engine": "postgres", "storageEncrypted": False, "tags": {"environment": "prod"}})
            response = stub.Analyze(proto.AnalyzeRequest(
                type=RDS, properties=props, urn="urn:pulumi:prod::clinic::aws:rds/instance:Instance::db",
                name="db"), timeout=60)
            flagged = {d.policyName: d.message for d in response.diagnostics}
            assert "rds-instance-storage-encrypted" in flagged
            assert "storageEncrypted is false" in flagged["rds-instance-storage-encrypted"]
    finally:
        proc.kill()
        proc.wait()
    assert sys.executable != str(python)
