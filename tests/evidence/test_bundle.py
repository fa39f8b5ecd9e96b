"""The evidence bundle from real-export-shaped states: no secret in any file, a manifest that verifies, a JSON
document valid against its schema, and a control matrix that says what the catalogue and the findings say."""

import hashlib
import json
import os
from pathlib import Path

import jsonschema
import pytest

from pms_baseline.evidence import build_bundle, verify_bundle
from pms_baseline.loader import load_state
from pms_baseline_pack.reference import citations
from pms_baseline_pack.rules import catalogue
from tests.evidence.common import (
    EXPORT_FILES,
    EXPORTS,
    GATE,
    SCHEMA,
    SECRETS,
    VERIFY,
    bound,
    bundle_texts,
    load,
    run_cli,
)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Per export fixture: the same gate report and live results, each bound to that export."""
    folder = tmp_path_factory.mktemp("inputs")
    return {name: (bound(GATE, EXPORTS / name, folder), bound(VERIFY, EXPORTS / name, folder)) for name in EXPORT_FILES}


@pytest.fixture(scope="module")
def gate_v3(inputs):
    """The gate report bound to clinic-prod-v3.json."""
    return inputs["clinic-prod-v3.json"][0]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory, inputs):
    """A bundle per export fixture, judged by the same gate report and live results."""
    root = tmp_path_factory.mktemp("bundles")
    out = {}
    for name in EXPORT_FILES:
        target = root / name.removesuffix(".json")
        gate, verify = inputs[name]
        assert (
            run_cli(
                [
                    "evidence",
                    "--state",
                    str(EXPORTS / name),
                    "--gate-results",
                    str(gate),
                    "--verify-results",
                    str(verify),
                    "--out",
                    str(target),
                ]
            )
            == 0
        )
        out[name] = target
    return out


def expected_status(citation, state, findings):
    """The control matrix's verdict for one citation, derived here from the catalogue and the findings."""
    if citation.iac == "no":
        return "out_of_scope"
    rules = [r for r in catalogue() if citation.citation in r.citations]
    ids = {r.id for r in rules}
    if any(f["rule"] in ids or citation.citation in f["citations"] for f in findings):
        return "not_met"
    present = {r.type for r in state.resources}
    if not any(
        set(r.resource_types) & present or (r.kind == "stack" and not r.resource_types) for r in rules
    ):
        return "not_evidenced"
    return "partial" if citation.iac == "partial" else "met"


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_bundle_holds_exactly_its_four_files(bundles, name):
    assert sorted(p.name for p in bundles[name].iterdir()) == [
        "evidence.json",
        "evidence.schema.json",
        "index.html",
        "manifest.json",
    ]
    assert not [p for p in bundles[name].parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_no_known_secret_appears_in_any_file_of_the_bundle(bundles, name):
    raw = (EXPORTS / name).read_text() + GATE.read_text()
    planted = [s for s in SECRETS if s in raw]
    assert len(planted) >= 6
    leaks = {f: [s for s in planted if s in text] for f, text in bundle_texts(bundles[name]).items()}
    assert leaks == {"evidence.json": [], "evidence.schema.json": [], "index.html": [], "manifest.json": []}


def test_credential_properties_read_by_rules_show_as_secret(bundles):
    model = load(bundles["clinic-prod-v4-show-secrets.json"] / "evidence.json")
    rule = next(r for r in model["rules"] if r["id"] == "rds-instance-master-password-managed")
    (db,) = [e for e in rule["evidence"] if e["name"] == "clinic-db"]
    assert db["properties"]["password"] == "[secret]"
    assert db["status"] == "failed"


def test_a_secret_quoted_in_a_finding_message_is_swept(bundles):
    model = load(bundles["clinic-prod-v3.json"] / "evidence.json")
    (ckv,) = [f for f in model["gate"]["findings"] if f["rule"] == "CKV_AWS_96"]
    assert ckv["message"] == "masterPassword '[secret]' is given in plain text in the program"


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_manifest_verifies_by_recomputing_every_hash(bundles, inputs, name):
    folder = bundles[name]
    manifest = load(folder / "manifest.json")
    assert manifest["kind"] == "pms-baseline evidence bundle"
    assert manifest["algorithm"] == "sha256"
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert sorted(listed) == ["evidence.json", "evidence.schema.json", "index.html"]
    for path, digest in listed.items():
        assert hashlib.sha256((folder / path).read_bytes()).hexdigest() == digest
    assert manifest["state"]["sha256"] == hashlib.sha256((EXPORTS / name).read_bytes()).hexdigest()
    gate, verify = inputs[name]
    assert manifest["inputs"]["gate_results"]["sha256"] == hashlib.sha256(gate.read_bytes()).hexdigest()
    assert manifest["inputs"]["verify_results"]["sha256"] == hashlib.sha256(verify.read_bytes()).hexdigest()
    assert manifest["inputs"]["gate_results"]["state_sha256"] == manifest["state"]["sha256"]
    assert manifest["signature"] is None
    assert verify_bundle(folder, EXPORTS / name) == []


def test_an_edit_after_generation_is_detected(bundles, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(bundles["clinic-prod-v3.json"], copy)
    page = copy / "index.html"
    page.write_text(page.read_text().replace("Not met", "Met", 1))
    (copy / "notes.txt").write_text("added later")
    assert verify_bundle(copy, EXPORTS / "clinic-prod-v4-show-secrets.json") == [
        "index.html: SHA-256 differs from the manifest",
        "notes.txt: not listed in the manifest",
        f"{EXPORTS / 'clinic-prod-v4-show-secrets.json'}: SHA-256 differs from the manifest's input state",
    ]


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_evidence_json_validates_against_the_shipped_schema(bundles, name):
    schema = load(SCHEMA)
    assert load(bundles[name] / "evidence.schema.json") == schema
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        load(bundles[name] / "evidence.json")
    )


def test_schema_rejects_a_document_missing_the_matrix(bundles):
    schema = load(SCHEMA)
    doc = load(bundles["clinic-prod-v3.json"] / "evidence.json")
    del doc["controls"]
    with pytest.raises(jsonschema.ValidationError, match="'controls' is a required property"):
        jsonschema.validate(doc, schema)


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_control_matrix_marks_each_citation_as_the_rules_and_findings_say(bundles, name):
    model = load(bundles[name] / "evidence.json")
    state = load_state(EXPORTS / name)
    findings = load(GATE)["findings"] + load(VERIFY)["findings"]
    rows = {c["citation"]: c for c in model["controls"]}
    assert list(rows) == list(citations())
    for cite in citations().values():
        row = rows[cite.citation]
        assert row["rules"] == [r.id for r in catalogue() if cite.citation in r.citations], cite.citation
        assert row["status"] == expected_status(cite, state, findings), cite.citation
    counts = {
        s: sum(1 for c in model["controls"] if c["status"] == s)
        for s in ("met", "partial", "not_met", "not_evidenced", "out_of_scope")
    }
    assert {k: model["summary"][k] for k in counts} == counts


def test_hand_checked_rows_of_the_clinic_export(bundles):
    rows = {c["citation"]: c for c in load(bundles["clinic-prod-v3.json"] / "evidence.json")["controls"]}
    # Business associate contracts and facility access are paperwork and locks, not infrastructure.
    assert rows["164.308(b)(1)"]["status"] == "out_of_scope"
    assert rows["164.310(a)(1)"]["status"] == "out_of_scope"
    # The RDS password sits in the program (policy pack) and a checkov finding says so for the cluster.
    assert rows["164.308(a)(5)(ii)(D)"]["status"] == "not_met"
    assert rows["164.308(a)(5)(ii)(D)"]["findings"] == ["F0006", "F0007", "F0013"]
    # The trail drifted in the live account: only the live section knows.
    assert rows["164.312(b)"]["status"] == "not_met"
    assert "L0001" in rows["164.312(b)"]["findings"]
    # clinic-db keeps 35 days of backups and nothing fails for data backup and storage.
    assert rows["164.310(d)(2)(iv)"]["status"] == "met"
    assert rows["164.310(d)(2)(iv)"]["findings"] == []
    # Risk analysis is cited by no rule: the state cannot evidence it.
    assert rows["164.308(a)(1)(ii)(A)"] == {
        "citation": "164.308(a)(1)(ii)(A)",
        "title": "Risk analysis",
        "iac": "partial",
        "status": "not_evidenced",
        "rules": [],
        "checks": 0,
        "failed_checks": 0,
        "findings": [],
    }


def test_state_metadata_and_inventory(bundles):
    v3 = load(bundles["clinic-prod-v3.json"] / "evidence.json")
    assert v3["state"] | {"sha256": ""} == {
        "file": "clinic-prod-v3.json",
        "sha256": "",
        "format_version": 3,
        "stack": "prod",
        "project": "pms-clinic",
        "time": "2024-05-02T17:40:12.774412Z",
        "pulumi_version": "v3.113.3",
        "resources": 17,
    }
    inventory = {g["type"]: g["count"] for g in v3["inventory"]}
    assert inventory["pulumi:providers:aws"] == 2
    assert inventory["aws:secretsmanager/secretVersion:SecretVersion"] == 2
    assert sum(inventory.values()) == 17
    v4 = load(bundles["clinic-prod-v4-show-secrets.json"] / "evidence.json")
    assert (v4["state"]["format_version"], v4["state"]["pulumi_version"]) == (4, "v3.160.0")
    old = load(bundles["clinic-prod-v3-old.json"] / "evidence.json")
    assert (old["state"]["time"], old["state"]["pulumi_version"]) == (
        "2021-02-10T11:03:44.118034-08:00",
        "v2.20.0",
    )


def test_live_section_carries_the_verify_findings(bundles):
    model = load(bundles["clinic-prod-v3.json"] / "evidence.json")
    assert model["live"]["summary"] == {
        "resources": 14,
        "findings": 2,
        "mandatory": 1,
        "advisory": 1,
        "waived": 0,
        "passed": False,
    }
    assert [(f["id"], f["rule"], f["source"]) for f in model["live"]["findings"]] == [
        ("L0001", "cloudtrail-log-file-validation-enabled", "live"),
        ("L0002", "guardduty-enabled-centralized", "live"),
    ]
    assert model["summary"]["live_findings"] == 2


def test_without_live_results_the_live_section_is_null(tmp_path, gate_v3):
    assert (
        run_cli(
            [
                "evidence",
                "--state",
                str(EXPORTS / "clinic-prod-v3.json"),
                "--gate-results",
                str(gate_v3),
                "--out",
                str(tmp_path / "b"),
            ]
        )
        == 0
    )
    model = load(tmp_path / "b" / "evidence.json")
    assert model["live"] is None
    assert model["summary"]["live_findings"] is None
    assert "No live results were given" in (tmp_path / "b" / "index.html").read_text()


# --- bad input: one line, exit 2, nothing left behind -------------------------------------------------------

BAD_STATES = {
    "not-json": ("this is not json\n", "not valid JSON"),
    "truncated": (
        '{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:a::b", ',
        "JSON ends early",
    ),
    "truncated-in-a-string": (
        '{"version": 3, "deployment": {"resources": [{"urn": "urn:pu',
        "not valid JSON",
    ),
    "unknown-version": (
        '{"version": 9, "deployment": {"resources": []}}',
        "state version 9 is not supported",
    ),
    "no-deployment": ('{"version": 3}', "not a state file; accepted: a `pulumi stack export`"),
    "empty": ("", "the file is empty"),
    # Python's reader takes these; no report, page or bundle could be written from them.
    "lone-surrogate": ('{"version": 3, "deployment": {"resources": [{"urn": "a\\udc00"}]}}', "lone UTF-16 surrogate"),
    "infinity": ('{"version": 3, "deployment": {"resources": [], "x": -Infinity}}', "-Infinity is not a JSON number"),
}


@pytest.mark.parametrize("case", sorted(BAD_STATES))
def test_bad_state_is_one_line_exit_2_and_no_directory(case, tmp_path, capsys):
    text, expected = BAD_STATES[case]
    state = tmp_path / "state.json"
    state.write_text(text)
    out = tmp_path / "work" / "bundle"
    assert run_cli(["evidence", "--state", str(state), "--gate-results", str(GATE), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pms-baseline: error: ") and expected in err
    assert not (tmp_path / "work").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


@pytest.mark.parametrize(
    "flag,text,expected",
    [
        ("--gate-results", "[1, 2", "not a JSON findings report"),
        ("--gate-results", '{"findings": [{"rule": "x"}]}', "finding 0 has no 'message'"),
        ("--verify-results", '{"summary": {}}', "no 'findings' list"),
        ("--gate-results", '{"findings": [{"rule": "x", "message": "\\ud800"}]}', "lone UTF-16 surrogate"),
    ],
)
def test_bad_results_file_is_exit_2_and_no_directory(flag, text, expected, tmp_path, capsys, gate_v3):
    results = tmp_path / "results.json"
    results.write_text(text)
    argv = ["evidence", "--state", str(EXPORTS / "clinic-prod-v3.json"), "--out", str(tmp_path / "bundle")]
    argv += [flag, str(results)] + (["--gate-results", str(gate_v3)] if flag != "--gate-results" else [])
    assert run_cli(argv) == 2
    assert expected in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


def test_missing_state_file_is_exit_2(tmp_path, capsys):
    assert run_cli(["evidence", "--state", str(tmp_path / "nope.json"), "--out", str(tmp_path / "b")]) == 2
    assert "nope.json: no such file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_missing_out_argument_is_exit_2(capsys):
    assert run_cli(["evidence", "--state", str(EXPORTS / "clinic-prod-v3.json")]) == 2
    assert "--out" in capsys.readouterr().err


# --- --out: absent, empty, an earlier bundle (replaced), anything else (refused) --------------------------


def _make(out, gate):
    return run_cli(
        [
            "evidence",
            "--state",
            str(EXPORTS / "clinic-prod-v3.json"),
            "--gate-results",
            str(gate),
            "--out",
            str(out),
        ]
    )


def test_an_empty_out_directory_is_used(tmp_path, gate_v3):
    (tmp_path / "b").mkdir()
    assert _make(tmp_path / "b", gate_v3) == 0
    assert verify_bundle(tmp_path / "b") == []


def test_an_earlier_bundle_is_replaced_whole(tmp_path, gate_v3):
    assert _make(tmp_path / "b", gate_v3) == 0
    first = load(tmp_path / "b" / "manifest.json")
    os.utime(tmp_path / "b" / "index.html", (0, 0))
    assert _make(tmp_path / "b", gate_v3) == 0
    assert verify_bundle(tmp_path / "b") == []
    assert load(tmp_path / "b" / "manifest.json")["state"] == first["state"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_a_directory_that_is_not_a_bundle_is_refused_and_kept(tmp_path, gate_v3, capsys):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "thesis.tex").write_text("do not delete")
    assert _make(tmp_path / "b", gate_v3) == 2
    assert "is not empty and is not an evidence bundle; refusing to replace it" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_a_bundle_with_a_foreign_file_added_is_refused(tmp_path, gate_v3, capsys):
    assert _make(tmp_path / "b", gate_v3) == 0
    (tmp_path / "b" / "notes.txt").write_text("mine")
    assert _make(tmp_path / "b", gate_v3) == 2
    assert (tmp_path / "b" / "notes.txt").read_text() == "mine"


def test_a_file_as_out_is_refused(tmp_path, gate_v3, capsys):
    (tmp_path / "b").write_text("x")
    assert _make(tmp_path / "b", gate_v3) == 2
    assert "exists and is not a directory" in capsys.readouterr().err


def test_build_bundle_returns_the_model_and_timing(tmp_path, gate_v3):
    result = build_bundle(EXPORTS / "clinic-prod-v3.json", tmp_path / "b", gate_results=gate_v3)
    assert result.path == tmp_path / "b"
    assert result.model["summary"]["findings"] == len(load(GATE)["findings"])
    assert result.seconds > 0
    assert json.loads((tmp_path / "b" / "evidence.json").read_text()) == result.model


@pytest.mark.parametrize("shape", ["checkpoint.json.gz", "engine-preview.json"])
def test_a_checkpoint_or_an_engine_preview_makes_a_bundle_too(shape, tmp_path, capsys):
    """A self-managed backend's checkpoint (gzip) and `pulumi preview --json` are read like an export."""
    source = Path(__file__).resolve().parents[1] / "fixtures" / "shapes" / shape
    out = tmp_path / "bundle"
    assert run_cli(["evidence", "--state", str(source), "--out", str(out)]) == 0
    model = json.loads((out / "evidence.json").read_text())
    assert model["state"]["resources"] >= 2
    assert verify_bundle(out, source) == []
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["state"]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
