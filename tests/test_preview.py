"""The offline preview writes a state document in the shape of `pulumi stack export`, and fails cleanly."""

import json
import subprocess
import sys

import pytest

from pms_baseline.cli import main
from pms_baseline.preview import preview
from pms_baseline.state import SECRET, parse_document
from tests.helpers import REPO_ROOT

MINIMAL = REPO_ROOT / "tests" / "programs" / "minimal"
SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


@pytest.fixture(scope="module")
def doc():
    return preview(MINIMAL, "dev").document


@pytest.fixture(scope="module")
def by_name(doc):
    return {r["urn"].split("::")[-1]: r for r in doc["deployment"]["resources"]}


def test_document_is_an_export_v3(doc):
    assert doc["version"] == 3
    assert doc["deployment"]["manifest"]["version"].startswith("v3.")
    assert parse_document(doc).version == 3


def test_urns_are_formed_as_the_engine_forms_them(by_name):
    assert by_name["minimal-dev"]["urn"] == "urn:pulumi:dev::minimal::pulumi:pulumi:Stack::minimal-dev"
    assert by_name["replica"]["urn"] == "urn:pulumi:dev::minimal::aws:s3/bucket:Bucket::replica"
    assert by_name["records-key"]["urn"] == "urn:pulumi:dev::minimal::minimal:data:Store$aws:kms/key:Key::records-key"


def test_parents_and_dependencies_come_first(doc):
    seen = set()
    for res in doc["deployment"]["resources"]:
        for ref in [res.get("parent"), *res.get("dependencies", [])]:
            if ref:
                assert ref in seen, f"{res['urn']} refers to {ref} before it is declared"
        if res.get("provider"):
            assert res["provider"].rsplit("::", 1)[0] in seen
        seen.add(res["urn"])


def test_component_children_have_the_component_as_parent(by_name):
    assert by_name["records-key"]["parent"] == by_name["records"]["urn"]
    assert by_name["records"]["custom"] is False
    assert by_name["records"]["outputs"] == {"bucketName": by_name["records-bucket"]["outputs"]["bucket"]}


def test_custom_resources_reference_their_provider(by_name):
    default = by_name["default_7_51_1"]
    assert by_name["records-key"]["provider"] == f"{default['urn']}::{default['id']}"
    west = by_name["west"]
    assert by_name["replica"]["provider"] == f"{west['urn']}::{west['id']}"
    assert by_name["replica"]["outputs"]["region"] == "us-west-2"
    assert by_name["records-bucket"]["outputs"]["region"] == "eu-west-1"


def test_dependencies_and_property_dependencies(by_name):
    sse = by_name["records-sse"]
    assert sse["propertyDependencies"]["bucket"] == [by_name["records-bucket"]["urn"]]
    assert set(sse["dependencies"]) == {by_name["records-bucket"]["urn"], by_name["records-key"]["urn"]}
    assert sse["inputs"]["bucket"] == by_name["records-bucket"]["id"]


def test_mock_outputs_are_realistic(by_name):
    key = by_name["records-key"]
    assert key["outputs"]["arn"] == f"arn:aws:kms:eu-west-1:123456789012:key/{key['id']}"
    bucket = by_name["records-bucket"]
    assert bucket["id"].startswith("records-bucket-") and bucket["outputs"]["arn"] == f"arn:aws:s3:::{bucket['id']}"
    rule = by_name["records-sse"]["inputs"]["rules"][0]["applyServerSideEncryptionByDefault"]
    assert rule["kmsMasterKeyId"] == key["outputs"]["arn"]


def test_secrets_stay_secret_envelopes(doc, by_name):
    text = json.dumps(doc)
    assert "correct-horse-battery-staple" not in text
    assert "seed-plaintext-7731" not in text
    seed = by_name["seed-v1"]
    for side in ("inputs", "outputs"):
        envelope = seed[side]["secretString"]
        assert envelope[SIG] == SECRET_SIG and envelope["ciphertext"].startswith("v1:")
    stack_out = by_name["minimal-dev"]["outputs"]
    assert stack_out["adminPassword"][SIG] == SECRET_SIG
    assert stack_out["token"][SIG] == SECRET_SIG
    parsed = {r.name: r for r in parse_document(doc).resources}
    assert parsed["seed-v1"].props["secretString"] is SECRET


def test_source_positions_name_the_declaring_line(by_name):
    lines = (MINIMAL / "__main__.py").read_text().splitlines()
    pos = by_name["replica"]["sourcePosition"]
    path, line = pos.removeprefix("project:///").split("#")
    assert path == "__main__.py"
    assert 'aws.s3.Bucket("replica"' in lines[int(line) - 1]


def test_preview_is_deterministic_but_for_timestamps(doc):
    again = preview(MINIMAL, "dev").document

    def strip(d):
        d = json.loads(json.dumps(d))
        d["deployment"]["manifest"].pop("time")
        for r in d["deployment"]["resources"]:
            r.pop("created", None)
            r.pop("modified", None)
        return d

    assert strip(doc) == strip(again)


def test_cli_summary(capsys):
    assert main(["preview", "--program", str(MINIMAL), "--stack", "dev"]) == 0
    out = capsys.readouterr().out
    assert "aws:s3/bucket:Bucket" in out and "total" in out


def test_cli_writes_the_document(tmp_path):
    out = tmp_path / "state.json"
    assert main(["preview", "--program", str(MINIMAL), "--stack", "dev", "--out", str(out)]) == 0
    assert parse_document(json.loads(out.read_text())).project == "minimal"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "pms_baseline.cli", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--program", str(MINIMAL), "--stack", "nope"], "unknown stack 'nope'", id="unknown-stack"),
        pytest.param(["--program", "/nonexistent/program", "--stack", "dev"], "does not exist", id="missing-program"),
        pytest.param(["--program", str(REPO_ROOT / "tests" / "programs" / "raising"), "--stack", "dev"],
                     "RuntimeError: the certificate for portal.example.org was not found", id="program-raises"),
        pytest.param(["--stack"], "expected one argument", id="usage"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message, tmp_path):
    out = tmp_path / "state.json"
    proc = run_cli("preview", *args, "--out", str(out)) if len(args) > 1 else run_cli("preview", *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pms-baseline: error:") and message in lines[0]
    assert not out.exists()


def test_out_into_a_missing_folder_is_refused(tmp_path):
    proc = run_cli("preview", "--program", str(MINIMAL), "--stack", "dev", "--out", str(tmp_path / "no" / "s.json"))
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr and not (tmp_path / "no").exists()
