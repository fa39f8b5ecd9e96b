"""Issue 20.3: a bundle judges each rule once. The evidence takes what every check read from the pass that makes
the findings (``reads``), and recording those reads changes no finding and no verdict."""

import json

import pytest

from pms_baseline import judge, reads
from pms_baseline.evidence import build_bundle
from pms_baseline.evidence.model import build_model
from pms_baseline.evidence.reports import run_gate
from pms_baseline_pack.reference import citations
from tests.evidence.common import EXPORTS, GATE, bound, load
from tests.evidence.test_bundle import expected_status
from tests.helpers import preview_state

STATES = {
    "prod stack": lambda: preview_state("prod"),
    "noncompliant program": lambda: preview_state("prod", "noncompliant"),
    "preview with unknowns": lambda: preview_state("dr", "unknowns"),
}


def _findings(found):
    return [f.to_json() for f in found]


@pytest.mark.slow
@pytest.mark.parametrize("name", STATES)
def test_recording_the_reads_changes_no_finding(name):
    state = STATES[name]()
    plain = _findings(judge.evaluate(state))
    with reads.recording() as recorder:
        recorded = _findings(judge.evaluate(state))
    assert recorded == plain
    assert plain or name == "prod stack"
    # Every rule that ran is filed, and a resource rule judged exactly the resources of its types.
    assert recorder.ran and set(recorder.judged) == recorder.ran
    for rule_id, items in recorder.judged.items():
        assert len({id(res) for res, _ in items}) == len(items), rule_id


def test_reads_of_a_resource_holding_an_unknown_are_recorded():
    state = preview_state("dr", "unknowns")
    with reads.recording() as recorder:
        judge.evaluate(state)
    # The log group's kmsKeyId is unknown at preview: the watch judges it, the recorder still files the read.
    watched = {res.name: keys for res, keys in recorder.judged["logs-log-group-kms-encrypted"]}
    assert "kmsKeyId" in watched["records-dr-copies"]


def _count_evaluations(monkeypatch):
    calls = []
    real = judge.evaluate

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(judge, "evaluate", counting)
    monkeypatch.setattr("pms_baseline.gate.evaluate", counting)
    return calls


@pytest.mark.parametrize("given", [False, True], ids=["gate run for the bundle", "--gate-results"])
def test_a_bundle_judges_the_state_once(given, tmp_path, monkeypatch):
    state = EXPORTS / "clinic-prod-v3.json"
    gate = bound(GATE, state, tmp_path) if given else None
    calls = _count_evaluations(monkeypatch)
    result = build_bundle(state, tmp_path / "bundle", gate_results=gate)
    assert len(calls) == 1
    assert any(r["evidence"] for r in result.model["rules"])


@pytest.mark.slow
def test_the_bundled_prod_stack_keeps_its_findings_and_verdicts():
    """The bundle of the bundled prod stack: the gate's findings as the gate alone finds them, and every control's
    verdict as the catalogue and those findings say (``expected_status``)."""
    state = preview_state("prod")
    report, recorder = run_gate(state)
    alone = judge.evaluate(state)
    assert len(report["findings"]) == len(alone) == 0
    model = build_model(state, report, recorder=recorder)
    for cite in citations().values():
        row = next(c for c in model["controls"] if c["citation"] == cite.citation)
        assert row["status"] == expected_status(cite, state, []), cite.citation
    assert {s: model["summary"][s] for s in ("met", "partial", "not_met", "excepted", "not_evidenced")} == {
        "met": 17, "partial": 5, "not_met": 0, "excepted": 0, "not_evidenced": 12}
    rules = {r["id"]: r for r in model["rules"]}
    # A rule that requires something to exist judged it by its presence, reading no setting: passed, with it.
    assert rules["iam-password-policy-present"]["status"] == "passed"
    assert [e["sentence"] for e in rules["iam-password-policy-present"]["evidence"]] == [
        "IAM account password policy pms-password-policy (aws:iam/accountPasswordPolicy:AccountPasswordPolicy) is "
        "declared in the state, which shows that an IAM account password policy is declared (164.308(a)(5)(ii)(D))."]
    # A stack rule with nothing of its own to judge (no EMR cluster; the stack's subnets are only context) is
    # not applicable, not passed.
    assert (rules["emr-cluster-master-no-public-ip"]["status"], rules["emr-cluster-master-no-public-ip"]["evidence"]) \
        == ("not_applicable", [])


def test_a_report_given_and_the_gate_run_give_the_same_evidence(tmp_path):
    state = EXPORTS / "clinic-prod-v3.json"
    ran = build_bundle(state, tmp_path / "ran").model
    report = tmp_path / "gate.json"
    gate = load(bound(GATE, state, tmp_path))
    gate["findings"] = [{k: v for k, v in f.items() if k != "id"} for f in ran["gate"]["findings"]]
    gate["summary"] = {**gate["summary"], "findings": len(gate["findings"]), "advisory": 0,
                       "mandatory": len(gate["findings"]), "passed": not gate["findings"]}
    report.write_text(json.dumps(gate))
    given = build_bundle(state, tmp_path / "given", gate_results=report).model
    assert [(r["id"], r["status"], r["evidence"]) for r in given["rules"]] == [
        (r["id"], r["status"], r["evidence"]) for r in ran["rules"]]
    assert [c["status"] for c in given["controls"]] == [c["status"] for c in ran["controls"]]
