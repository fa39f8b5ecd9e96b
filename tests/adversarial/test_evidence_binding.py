"""Evidence is bound to its inputs (issue 16, item 3): a gate or verify report carries the SHA-256 of the state it
judged, the tool and pack versions and the config it ran with, and ``evidence`` refuses, with one line and exit
2 and nothing written, any report that is about another state, hand-made, unbound, of another kind or version,
or whose summary is not what its findings add up to. It used to accept all of them and print "Gate: passed".
"""

import hashlib
import json

import pytest

from pms_baseline.cli import main
from tests.adversarial.faults import EmulatedAccount
from tests.evidence.common import EXPORTS, GATE, bound
from tests.live.artifact import answer_in_new_sessions

V3 = EXPORTS / "clinic-prod-v3.json"
V4 = EXPORTS / "clinic-prod-v4-show-secrets.json"


def gate(state, out, *extra):
    assert main(["gate", "--state", str(state), "--no-checkov", "--format", "json", "--output", str(out), *extra]) == 1
    return out


def evidence(state, out, gate_results=None, verify_results=None):
    argv = ["evidence", "--state", str(state), "--out", str(out)]
    argv += ["--gate-results", str(gate_results)] if gate_results else []
    argv += ["--verify-results", str(verify_results)] if verify_results else []
    return main(argv)


def refused(capsys, out, state, **results):
    """evidence refuses: exit 2, one line on stderr, no bundle; returns the line."""
    assert evidence(state, out, **results) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pms-baseline: error: ")
    assert not out.exists() and not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]
    return err.removeprefix("pms-baseline: error: ").rstrip("\n")


def edited(path, tmp_path, change):
    """A copy of the report at ``path`` with ``change`` applied to its JSON: what a forger would hand in."""
    data = json.loads(path.read_text())
    change(data)
    copy = tmp_path / f"edited-{path.name}"
    copy.write_text(json.dumps(data))
    return copy


@pytest.fixture(scope="module")
def gate_v3(tmp_path_factory):
    return gate(V3, tmp_path_factory.mktemp("gate") / "gate.json")


def test_a_report_of_the_same_state_is_accepted_and_recorded_with_its_binding(gate_v3, tmp_path):
    assert evidence(V3, tmp_path / "b", gate_results=gate_v3) == 0
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    digest = hashlib.sha256(V3.read_bytes()).hexdigest()
    assert manifest["state"]["sha256"] == digest
    recorded = manifest["inputs"]["gate_results"]
    assert (recorded["state_sha256"], recorded["state_hashed_as"], recorded["config"]) == (digest, "bytes as read", {})
    assert recorded["sha256"] == hashlib.sha256(gate_v3.read_bytes()).hexdigest()


def test_a_gate_report_of_another_state_is_refused(gate_v3, tmp_path, capsys):
    line = refused(capsys, tmp_path / "b", V4, gate_results=gate_v3)
    assert line == (
        f"{gate_v3}: judged another state (SHA-256 {hashlib.sha256(V3.read_bytes()).hexdigest()[:12]}...), not "
        f"{V4} (SHA-256 {hashlib.sha256(V4.read_bytes()).hexdigest()[:12]}...); refusing to certify it"
    )


def test_a_two_key_forgery_is_refused(tmp_path, capsys):
    forged = tmp_path / "gate.json"
    forged.write_text(json.dumps({"findings": [], "summary": {"passed": True}}))
    line = refused(capsys, tmp_path / "b", V3, gate_results=forged)
    assert line == (f"{forged}: not a report of `pms-baseline gate --format json` (source None); --gate-results "
                    "takes that command's output")


def test_a_report_without_its_binding_is_refused(tmp_path, capsys):
    """The shape of a report written before binding existed (the evidence tests' unbound fixture)."""
    line = refused(capsys, tmp_path / "b", V3, gate_results=GATE)
    assert line == (f"{GATE}: not bound to a state (its target lacks state_sha256, state_hashed_as, tool_version, "
                    "pack_version, config_sha256, config); write it with `pms-baseline gate --format json` of "
                    "pms-baseline 0.1.0")


def test_a_gate_report_given_as_verify_results_is_refused(gate_v3, tmp_path, capsys):
    line = refused(capsys, tmp_path / "b", V3, gate_results=gate_v3, verify_results=gate_v3)
    assert line == (f"{gate_v3}: not a report of `pms-baseline verify --format json` (source 'gate'); "
                    "--verify-results takes that command's output")


def test_a_summary_that_says_passed_over_mandatory_findings_is_refused(gate_v3, tmp_path, capsys):
    findings = json.loads(gate_v3.read_text())["findings"]
    n, m = len(findings), sum(f["enforcement"] == "mandatory" for f in findings)
    assert m > 0
    forged = edited(gate_v3, tmp_path, lambda r: r["summary"].update(passed=True, mandatory=0, advisory=n))
    assert refused(capsys, tmp_path / "b", V3, gate_results=forged) == (
        f"{forged}: its summary {{'findings': {n}, 'mandatory': 0, 'advisory': {n}, 'passed': True}} is not what "
        f"its findings add up to {{'findings': {n}, 'mandatory': {m}, 'advisory': {n - m}, 'passed': False}}")


def test_findings_emptied_under_a_stale_summary_are_refused(gate_v3, tmp_path, capsys):
    forged = edited(gate_v3, tmp_path, lambda r: r.update(findings=[]))
    assert "is not what its findings add up to {'findings': 0, 'mandatory': 0, 'advisory': 0, 'passed': True}" in (
        refused(capsys, tmp_path / "b", V3, gate_results=forged))


def test_a_finding_moved_to_an_unknown_enforcement_is_refused(gate_v3, tmp_path, capsys):
    forged = edited(gate_v3, tmp_path, lambda r: r["findings"][0].update(enforcement="informational"))
    assert refused(capsys, tmp_path / "b", V3, gate_results=forged) == (
        f"{forged}: finding 0 has source 'policy-pack' and enforcement 'informational', which `pms-baseline gate "
        "--format json` does not write")


def test_a_report_of_another_version_is_refused(gate_v3, tmp_path, capsys):
    forged = edited(gate_v3, tmp_path, lambda r: r["target"].update(tool_version="0.0.9", pack_version="0.0.9"))
    assert refused(capsys, tmp_path / "b", V3, gate_results=forged) == (
        f"{forged}: written by pms-baseline 0.0.9 with pack 0.0.9; this is 0.1.0 with pack 0.1.0; re-run it")


def test_a_config_that_is_not_a_policy_config_is_refused(gate_v3, tmp_path, capsys):
    forged = edited(gate_v3, tmp_path, lambda r: r["target"].update(config={"no-such-rule": "advisory"}))
    assert refused(capsys, tmp_path / "b", V3, gate_results=forged) == (
        f"{forged}: target policy config: no rule named 'no-such-rule'")


def test_the_config_the_gate_ran_with_is_carried_into_the_bundle(tmp_path):
    config = tmp_path / "policy.json"
    config.write_text(json.dumps({"wafv2-internet-facing-alb-protected": "advisory",
                                  "rds-instance-backup-retention-minimum": {"minimumDays": 40}}))
    report = gate(V3, tmp_path / "gate.json", "--config", str(config))
    changed = {"rds-instance-backup-retention-minimum": {"minimumDays": 40},
               "wafv2-internet-facing-alb-protected": {"enforcementLevel": "advisory"}}
    target = json.loads(report.read_text())["target"]
    assert target["config"] == changed
    canonical = json.dumps(json.loads(config.read_text()), sort_keys=True, separators=(",", ":"))
    assert target["config_sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    assert evidence(V3, tmp_path / "b", gate_results=report) == 0
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["inputs"]["gate_results"]["config"] == changed
    page = (tmp_path / "b" / "index.html").read_text()
    assert "rds-instance-backup-retention-minimum: {&quot;minimumDays&quot;:40}" in page


def test_standard_input_is_hashed_as_the_bytes_read(cli, tmp_path):
    proc = cli("gate", "--state", "-", "--no-checkov", "--format", "json", stdin=V3.read_text())
    assert proc.returncode == 1, proc.stderr
    report = tmp_path / "gate.json"
    report.write_text(proc.stdout)
    assert json.loads(proc.stdout)["target"]["state_sha256"] == hashlib.sha256(V3.read_bytes()).hexdigest()
    assert evidence(V3, tmp_path / "b", gate_results=report) == 0


def test_a_gate_over_its_own_preview_is_refused_for_a_state_file(tmp_path, capsys):
    """``gate --stack`` hashes the preview it made as canonical JSON; a file is hashed as its bytes."""
    report = tmp_path / "g.json"
    assert main(["gate", "--stack", "prod", "--no-checkov", "--format", "json", "--output", str(report)]) == 0
    capsys.readouterr()
    target = json.loads(report.read_text())["target"]
    assert target["state_hashed_as"] == "canonical JSON"
    assert refused(capsys, tmp_path / "b", V3, gate_results=tmp_path / "g.json") == (
        f"{tmp_path / 'g.json'}: the gate judged its own preview of stack 'prod', not {V3}; write the preview once "
        "(`pms-baseline preview --stack prod --out FILE`) and give FILE to both")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A state deployed in moto, verify's report bound to it, one run without --state, and the gate's report."""
    folder = tmp_path_factory.mktemp("live")
    account = EmulatedAccount(folder)
    base = ["verify", "--endpoint-url", account.url, "--region", "us-east-1", "--format", "json"]
    with pytest.MonkeyPatch.context() as mp:
        answer_in_new_sessions(mp)  # moto has no AWS Artifact (tests/live/artifact.py)
        account.answer_declared(mp)  # nor backup selections, vault policies, analyzers
        try:
            assert main([*base, "--state", str(account.state), "--output", str(folder / "live.json")]) == 0
            assert main([*base, "--output", str(folder / "unbound.json")]) == 0
        finally:
            account.stop()
    assert main(["gate", "--state", str(account.state), "--no-checkov", "--format", "json", "--output",
                 str(folder / "gate.json")]) in (0, 1)
    return account.state, folder


@pytest.mark.moto
class TestVerifyResults:
    """verify binds its report to the state given with --state; evidence takes it for that state only."""

    def test_results_of_the_same_state_are_accepted(self, live, tmp_path):
        state, folder = live
        assert evidence(state, tmp_path / "b", folder / "gate.json", folder / "live.json") == 0
        model = json.loads((tmp_path / "b" / "evidence.json").read_text())
        assert model["live"]["target"]["state_sha256"] == hashlib.sha256(state.read_bytes()).hexdigest()

    def test_results_of_another_state_are_refused(self, live, tmp_path, capsys):
        _, folder = live
        line = refused(capsys, tmp_path / "b", V3, verify_results=folder / "live.json")
        assert line.startswith(f"{folder / 'live.json'}: judged another state (SHA-256 ")

    def test_results_of_a_run_without_a_state_are_refused(self, live, tmp_path, capsys):
        state, folder = live
        assert refused(capsys, tmp_path / "b", state, verify_results=folder / "unbound.json") == (
            f"{folder / 'unbound.json'}: verify ran without --state, so its results are bound to no state; run "
            f"`pms-baseline verify --state {state} --format json`")

    def test_the_fixture_findings_bound_by_the_tool_are_accepted(self, tmp_path):
        """What the evidence tests do with their hand-written findings: bind them with the tool's own function."""
        from tests.evidence.common import VERIFY

        assert evidence(V3, tmp_path / "b", bound(GATE, V3, tmp_path), bound(VERIFY, V3, tmp_path)) == 0
