"""The pull-request gate: verdicts on the bundled stacks and on a deliberately broken program, real state
shapes, policy config, and bad input (one line on stderr, exit 2, no output file)."""

import json

import pytest

from pms_baseline.cli import main
from pms_baseline.errors import InputError
from pms_baseline.gate import merge_config, run_gate
from pms_baseline.loader import load_state
from tests.helpers import FIXTURES, STACKS, preview_state

# The four defects of tests/programs/noncompliant, and nothing else, as (rule, resource, message).
NONCOMPLIANT = {
    ("cloudtrail-multi-region-trail-present", "",
     "the stack declares no CloudTrail trail, so API activity goes unrecorded; use the AuditTrail component, "
     "which records every region (164.312(b))"),
    ("ec2-security-group-ingress-restricted", "ssh-from-anywhere",
     "security group pms-app-sg-207b6d9 allows ingress from 0.0.0.0/0 on tcp 22; admit a security group "
     "instead; only the load balancer's group (tagged pms-role=load-balancer) may take internet traffic, on "
     "ports 443 and 80 (164.312(a)(1))"),
    ("rds-instance-storage-encrypted", "pms-db",
     "storageEncrypted is false; use PhiDatabase or set storage_encrypted=True with the PHI data key "
     "(164.312(a)(2)(iv))"),
    *{("s3-bucket-public-access-blocked", "statements-public-access-block",
       f"bucket statements-97007fe public access block {flag} is false; set {snake}=True (164.312(a)(1))")
      for flag, snake in [("blockPublicAcls", "block_public_acls"), ("blockPublicPolicy", "block_public_policy"),
                          ("ignorePublicAcls", "ignore_public_acls"),
                          ("restrictPublicBuckets", "restrict_public_buckets")]},
}
# What checkov adds on the same program, mandatory because a rule of ours or the curated list says so.
NONCOMPLIANT_CHECKOV = {("CKV_AWS_16", "pms-db"), ("CKV_AWS_24", "ssh-from-anywhere"),
                        ("CKV2_AWS_6", "statements"),
                        *{(f"CKV_AWS_{n}", "statements-public-access-block") for n in (53, 54, 55, 56)}}


def triples(findings):
    return {(f.rule, f.resource.name, f.message) for f in findings}


@pytest.fixture(scope="module")
def broken():
    return preview_state("prod", "noncompliant")


@pytest.mark.slow
@pytest.mark.parametrize("stack", STACKS)
def test_every_bundled_stack_passes_with_checkov(stack, tmp_path, capsys):
    out = tmp_path / "gate.json"
    assert main(["gate", "--stack", stack, "--format", "json", "--output", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["summary"]["passed"] is True and report["summary"]["mandatory"] == 0
    assert report["target"]["stack"] == stack
    assert report["timings"]["checkov_checks"] > 150  # checkov really ran over the converted plan
    assert report["summary"]["resources"] > 150
    assert "wrote" in capsys.readouterr().err


def test_the_noncompliant_program_fails_with_exactly_its_four_defects(broken):
    report = run_gate(broken, checkov=False)
    assert not report.passed
    assert triples(report.findings) == NONCOMPLIANT
    assert all(f.mandatory and f.source == "policy-pack" for f in report.findings)
    assert {f.rule: f.citations for f in report.findings}["rds-instance-storage-encrypted"] == ("164.312(a)(2)(iv)",)


@pytest.mark.slow
def test_checkov_on_the_noncompliant_program_blocks_the_same_defects(broken):
    report = run_gate(broken, checkov=True)
    alone = {(f.rule, f.resource.name) for f in report.findings if f.source == "checkov" and f.mandatory}
    folded = {(found.split(":", 1)[1], f.resource.name) for f in report.findings for found in f.also_found_by}
    assert alone | folded == NONCOMPLIANT_CHECKOV
    assert report.timings["checkov_seconds"] > 0


@pytest.mark.slow
def test_a_pack_rule_and_its_checkov_twin_on_one_resource_are_one_finding(broken):
    """Issue 17, point 2: the pack's rds-instance-storage-encrypted names CKV_AWS_16; on the unencrypted database
    the two report one problem, with the pack's message, both sources named and the union of citations."""
    report = run_gate(broken, checkov=True)
    on_db = [f for f in report.findings if f.resource.name == "pms-db"
             and "CKV_AWS_16" in (f.rule, *f.checkov_ids)]
    assert len(on_db) == 1
    (db,) = on_db
    assert (db.rule, db.source, db.also_found_by) == ("rds-instance-storage-encrypted", "policy-pack",
                                                        ("checkov:CKV_AWS_16",))
    assert db.message.startswith("storageEncrypted is false")
    assert set(db.citations) >= {"164.312(a)(2)(iv)"}
    assert report.summary()["mandatory"] == len({(f.rule, f.resource.urn, f.message) for f in report.findings
                                                 if f.mandatory})


def test_gate_exit_code_is_1_on_violations(capsys):
    code = main(["gate", "--program", "tests/programs/noncompliant", "--stack", "prod", "--no-checkov"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAILED: 7 mandatory, 0 advisory findings" in out
    assert "164.312(a)(2)(iv)  Encryption and decryption" in out
    assert "rds-instance-storage-encrypted  [pms-db]" in out


def test_policy_config_demotes_or_disables_a_rule(broken):
    advisory = run_gate(broken, {"rds-instance-storage-encrypted": "advisory"}, checkov=False)
    assert {f.enforcement for f in advisory.findings if f.rule == "rds-instance-storage-encrypted"} == {"advisory"}
    disabled = run_gate(broken, {"rds-instance-storage-encrypted": {"enforcementLevel": "disabled"}}, checkov=False)
    assert "rds-instance-storage-encrypted" not in {f.rule for f in disabled.findings}
    everything = run_gate(broken, {"all": "advisory"}, checkov=False)
    assert everything.passed and len(everything.findings) == len(NONCOMPLIANT)


def test_a_tunable_raises_the_floor():
    prod = preview_state("prod")
    # The prod stack keeps automated RDS backups 35 days; demanding 60 must fail exactly that rule.
    report = run_gate(prod, {"rds-instance-backup-retention-minimum": {"minimumDays": 60}}, checkov=False)
    assert {(f.rule, f.resource.name) for f in report.findings} == {("rds-instance-backup-retention-minimum", "pms-db")}
    assert "35" in report.findings[0].message and "60" in report.findings[0].message


@pytest.mark.parametrize("config, message", [
    ({"no-such-rule": "mandatory"}, "no rule named 'no-such-rule'"),
    ({"all": "loud"}, "enforcement level 'loud' is not one of"),
    ({"rds-instance-backup-retention-minimum": {"minimumDays": "35"}}, "is not of type integer"),
    ({"rds-instance-backup-retention-minimum": {"minimumDays": 0}}, "below the minimum of 7"),
    ({"rds-instance-backup-retention-minimum": {"maximumDays": 3}}, "no setting named 'maximumDays'"),
    ({"cloudtrail-bucket-object-lock-retention": {"minimumRetentionDays": 365}}, "below the minimum of 2190"),
])
def test_bad_policy_config_is_an_input_error(config, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        merge_config(config)


# Real state shapes: an export (v3 and v4, with and without created/modified), a checkpoint (plain and
# gzip) and the engine's `pulumi preview --json`, all judged the same way.
SHAPES = FIXTURES / "shapes"


def verdicts(doc):
    report = run_gate(doc, checkov=False)
    return report.passed, {(f.rule, f.resource.urn, f.message) for f in report.findings}


def test_the_same_resources_get_the_same_verdict_in_every_shape():
    export = verdicts(load_state(SHAPES / "export.json"))
    assert export[0] is False and len(export[1]) > 10
    assert verdicts(load_state(SHAPES / "checkpoint.json")) == export
    assert verdicts(load_state(SHAPES / "checkpoint.json.gz")) == export
    preview = load_state(SHAPES / "engine-preview.json")
    passed, found = verdicts(preview)
    shared = {r.urn for r in load_state(SHAPES / "export.json").resources}
    # The preview adds a bucket (a create step) and deletes nothing that the export has: every finding on a
    # resource both hold is the same, and the new bucket brings its own.
    assert passed is False
    assert {f for f in found if f[1] in shared} == {f for f in export[1] if f[1] in shared}
    assert any(f[0] == "s3-bucket-public-access-blocked" for f in found if f[1] not in shared)


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "exports").glob("*.json")))
def test_real_export_shapes_are_judged_on_outputs_where_inputs_are_absent(name):
    doc = load_state(FIXTURES / "exports" / name)
    report = run_gate(doc, checkov=False)
    rules = {f.rule for f in report.findings}
    assert not report.passed
    # The fixture's records bucket has no TLS-only policy, and providers are never judged as resources.
    assert "s3-bucket-tls-only" in rules
    assert not any(f.resource.type.startswith("pulumi:providers:") for f in report.findings)


def test_gate_reads_standard_input(monkeypatch, capsys):
    import io
    import sys

    data = (SHAPES / "engine-preview.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["gate", "--state", "-", "--no-checkov", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["target"]["state"] == "-"
    assert any(f["resource"]["name"] == "statements" for f in report["findings"])


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON"),
    (b'{"version": 3, "deployment": {"resources": [', "truncated"),
    (b'{"version": 9, "deployment": {}}', "state version 9 is not supported"),
    (b'{"hello": "world"}', "not a state file; accepted: a `pulumi stack export`"),
    (b"", "empty"),
])
def test_bad_state_files_give_one_line_and_exit_2(tmp_path, capsys, content, message):
    state = tmp_path / "state.json"
    state.write_bytes(content)
    out = tmp_path / "report.sarif"
    assert main(["gate", "--state", str(state), "--format", "sarif", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pms-baseline: error: ") and message in err
    assert not out.exists()


@pytest.mark.parametrize("argv, message", [
    (["gate", "--stack", "nope"], "unknown stack 'nope'"),
    (["gate", "--stack", "prod", "--program", "/nonexistent"], "does not exist"),
    (["gate", "--state", "/nonexistent.json"], "no such file"),
    (["gate"], "give --stack NAME"),
    # A state and a stack are judged together as one account; the state is read first, before any preview.
    (["gate", "--stack", "prod", "--state", "x.json"], "x.json: no such file"),
    (["gate", "--stack", "prod", "--format", "pdf"], "invalid choice"),
    (["gate", "--stack", "prod", "--config", "/nonexistent.json"], "no such file"),
])
def test_bad_arguments_give_one_line_and_exit_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
