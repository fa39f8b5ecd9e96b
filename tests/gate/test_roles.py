"""Workload stacks judged fairly: the example workload (examples/pms-workload, ECS Fargate behind the baseline's
Edge, reading the baseline through a StackReference) passes the whole pack as a workload, passes as an account
together with the bundled prod baseline, and fails alone as standalone with exactly the account findings."""

import json
import re

import pytest

from pms_baseline.cli import main
from pms_baseline.errors import InputError
from pms_baseline.roles import load_targets, resolve, run
from pms_baseline.state import parse_document
from tests.helpers import REPO_ROOT, preview_state

EXAMPLE = str(REPO_ROOT / "examples" / "pms-workload")
ACCOUNT_FAILED = [
    "account-ebs-encryption-by-default-enabled",
    "account-s3-public-access-blocked",
    "cloudtrail-multi-region-trail-present",
    "cloudwatch-cis-alarms-present",
    "config-recorder-enabled",
    "guardduty-detector-enabled",
    "iam-access-analyzer-present",
    "iam-password-policy-present",
]
ACCOUNT_RULES = sorted([*ACCOUNT_FAILED, "account-singletons-declared-once"])


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The bundled prod baseline's offline preview and the example workload's, as state files."""
    folder = tmp_path_factory.mktemp("states")
    prod = folder / "prod.json"
    prod.write_text(json.dumps(preview_state("prod").raw))
    workload = folder / "workload.json"
    assert main(["preview", "--program", EXAMPLE, "--stack", "prod", "--out", str(workload)]) == 0
    return prod, workload


def rules_of(report):
    return sorted({f.rule for f in report.findings})


def test_the_workload_reads_the_baseline_through_its_stack_reference(states):
    doc = json.loads(states[1].read_text())
    by_type = {}
    for r in doc["deployment"]["resources"]:
        by_type.setdefault(r["type"], []).append(r)
    (ref,) = by_type["pulumi:pulumi:StackReference"]
    assert ref["id"] == "organization/pms-baseline/prod" and ref["external"] is True and "provider" not in ref
    baseline = preview_state("prod").stack_resource.outputs
    assert ref["outputs"]["outputs"]["vpcId"] == baseline["vpcId"]
    (service,) = by_type["aws:ecs/service:Service"]
    assert service["inputs"]["networkConfiguration"]["subnets"] == baseline["appSubnetIds"]
    (task,) = by_type["aws:ecs/taskDefinition:TaskDefinition"]
    (container,) = json.loads(task["inputs"]["containerDefinitions"])
    assert container["readonlyRootFilesystem"] is True and container["user"] == "10001:10001"
    assert task["inputs"]["networkMode"] == "awsvpc"
    (root,) = by_type["pulumi:pulumi:Stack"]
    assert root["outputs"]["pms-baseline:stackRole"] == "workload"


def test_the_workload_passes_the_whole_pack_as_a_workload(states):
    (target,) = load_targets("gate", [str(states[1])], [], [])
    report = run([target], [], None, checkov=True)
    assert report.findings == [] and report.passed
    assert report.target["stack_role"] == "workload"
    # The stack output, and the tag on every resource the example tags (the count follows the Edge component).
    assert re.fullmatch(r"root stack output pms-baseline:stackRole, tag pms-baseline:stackRole on \d+ resources",
                        report.target["role_declared_by"])
    assert [n["id"] for n in report.target["not_applicable"]] == ACCOUNT_RULES


def test_the_workload_alone_as_standalone_fails_with_exactly_the_account_findings(states):
    (target,) = load_targets("gate", [str(states[1])], [], [])
    report = run([target], ["standalone"], None, checkov=False)
    assert rules_of(report) == ACCOUNT_FAILED
    assert all(f.mandatory and not f.resource.urn for f in report.findings)
    assert report.target["stack_role"] == "standalone" and report.target["role_declared_by"] == "--stack-role"
    assert report.target["not_applicable"] == []


def test_the_workload_and_its_baseline_pass_as_one_account(states):
    targets = load_targets("gate", [str(states[0]), str(states[1])], [], [])
    report = run(targets, [], None, checkov=True)
    assert report.findings == [] and report.passed
    entries = report.target["states"]
    assert [(e["project"], e["stack"], e["stack_role"]) for e in entries] == [
        ("pms-baseline", "prod", "standalone"), ("pms-workload", "prod", "workload")]
    assert [e["state"] for e in entries] == [str(states[0]), str(states[1])]
    assert all(len(e["state_sha256"]) == 64 for e in entries) and report.target["state_sha256"] is None
    assert report.target["not_applicable"] == []


def test_account_rules_judge_the_union_of_the_states(states):
    # Two workloads: nothing judges the account (the rules are not applicable); the same pair with the workload
    # named standalone: the account rules judge both states together, and the baseline supplies everything.
    targets = load_targets("gate", [str(states[0]), str(states[1])], [], [])
    both_workloads = run(targets, ["pms-baseline/prod=workload"], None, checkov=False)
    assert both_workloads.passed and [n["id"] for n in both_workloads.target["not_applicable"]] == ACCOUNT_RULES
    standalone = run(targets, ["pms-workload/prod=standalone"], None, checkov=False)
    assert standalone.passed and standalone.target["not_applicable"] == []


def test_account_findings_over_the_union_name_no_state_and_block(states, tmp_path):
    # The baseline without its trail: the account has no trail, whichever state would have held it.
    doc = json.loads(states[0].read_text())
    doc["deployment"]["resources"] = [r for r in doc["deployment"]["resources"]
                                      if r["type"] != "aws:cloudtrail/trail:Trail"]
    broken = tmp_path / "prod-without-trail.json"
    broken.write_text(json.dumps(doc))
    report = run(load_targets("gate", [str(broken), str(states[1])], [], []), [], None, checkov=False)
    assert "cloudtrail-multi-region-trail-present" in rules_of(report) and not report.passed


def test_gate_cli_judges_a_state_and_a_program_as_one_account(states, capsys):
    code = main(["gate", "--state", str(states[0]), "--program", EXAMPLE, "--stack", "prod", "--no-checkov",
                 "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["summary"]["passed"] is True
    assert [(s["project"], s["stack_role"]) for s in out["target"]["states"]] == [
        ("pms-baseline", "standalone"), ("pms-workload", "workload")]
    declared = [s["role_declared_by"] for s in out["target"]["states"]]
    assert declared[0] == "root stack output pms-baseline:stackRole"
    assert declared[1].startswith("stack config pms-baseline:stackRole, root stack output pms-baseline:stackRole, "
                                  "tag pms-baseline:stackRole on ")


def test_gate_cli_stack_role_overrides_what_the_stack_declares(states, capsys):
    code = main(["gate", "--state", str(states[1]), "--stack-role", "standalone", "--no-checkov", "--format",
                 "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and sorted({f["rule"] for f in out["findings"]}) == ACCOUNT_FAILED


@pytest.mark.parametrize("argv, message", [
    pytest.param(["--state", "{prod}", "--state", "{prod}"], "are both states of stack pms-baseline/prod",
                 id="same-stack-twice"),
    pytest.param(["--state", "{prod}", "--stack", "nope"], "unknown stack 'nope'", id="unknown-stack"),
    pytest.param(["--state", "{workload}", "--stack-role", "tenant"], "stack role 'tenant' is not one of",
                 id="not-a-role"),
    pytest.param(["--state", "{prod}", "--state", "{workload}", "--stack-role", "workload"],
                 "with several states give STACK=ROLE", id="bare-role-for-several"),
    pytest.param(["--state", "{prod}", "--state", "{workload}", "--stack-role", "prod=workload"],
                 "more than one state is stack 'prod'", id="ambiguous-stack"),
    pytest.param(["--stack", "prod", "--stack", "staging", "--program", ".", "--program", ".", "--program", "."],
                 "give --program once, or once per --stack", id="programs-unpaired"),
])
def test_bad_input_exits_2_with_one_line(states, capsys, argv, message):
    argv = [a.format(prod=states[0], workload=states[1]) for a in argv]
    assert main(["gate", *argv, "--no-checkov"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_a_stack_that_declares_two_roles_is_refused():
    doc = preview_state("prod")
    raw = doc.raw
    (root,) = [r for r in raw["deployment"]["resources"] if r["type"] == "pulumi:pulumi:Stack"]
    root.setdefault("outputs", {})["pms-baseline:stackRole"] = "workload"
    again = parse_document(raw, "prod")
    assert resolve(again).role == "workload"
    with pytest.raises(InputError, match="declares more than one role .*account-baseline by stack config"):
        resolve(again, from_config="account-baseline")


def test_writers_show_a_workloads_account_rules_as_not_judged(states):
    from pms_baseline.writers import render

    (target,) = load_targets("gate", [str(states[1])], [], [])
    report = run([target], [], None, checkov=False)
    table = render(report, "table")
    assert ("Not judged, account rule, not applicable to a workload stack (pms-baseline:stackRole=workload); judge "
            "the account by gating this stack together with its account-baseline stack: "
            + ", ".join(ACCOUNT_RULES)) in table
    junit = render(report, "junit")
    assert junit.count("<skipped ") == len(ACCOUNT_RULES) and 'failures="0"' in junit


def test_the_analyzer_engine_judges_roles_and_accounts_as_the_direct_one(states):
    targets = load_targets("gate", [str(states[0]), str(states[1])], [], [])
    assert run(targets, [], None, checkov=False, engine="analyzer").findings == []
    alone = load_targets("gate", [str(states[1])], [], [])
    direct = run(alone, ["standalone"], None, checkov=False)
    analyzer = run(alone, ["standalone"], None, checkov=False, engine="analyzer")
    def key(report):
        return sorted((f.rule, f.message) for f in report.findings)

    assert key(analyzer) == key(direct) and len(key(direct)) == 21
    assert run(alone, [], None, checkov=False, engine="analyzer").findings == []


def test_states_of_different_accounts_are_refused(states, tmp_path, capsys):
    staging = tmp_path / "staging.json"
    staging.write_text(json.dumps(preview_state("staging").raw))
    assert main(["gate", "--state", str(states[0]), "--state", str(staging), "--no-checkov"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and (
        f"the states are of different AWS accounts ({states[0]} is account 210987654321, {staging} is account "
        "310987654321); judge each account's stacks together") in err


@pytest.mark.parametrize("role, refused", [("account-baseline", False), ("standalone", False), ("workload", True)])
def test_the_baseline_program_declares_its_role_and_is_never_a_workload(role, refused):
    from pms_baseline_infra.config import ConfigError, parse_settings
    from tests.helpers import stack_config

    config = {**stack_config("prod"), "pms-baseline:stackRole": role}
    if refused:
        with pytest.raises(ConfigError, match="stackRole=workload is not one of standalone, account-baseline"):
            parse_settings(config, "prod")
    else:
        assert parse_settings(config, "prod").stack_role == role
    assert parse_settings(stack_config("prod"), "prod").stack_role == "standalone"


def test_evidence_judges_a_workload_in_the_role_it_declares(states):
    from pms_baseline.evidence.reports import run_gate as evidence_gate
    from pms_baseline.loader import load_state

    report, _ = evidence_gate(load_state(states[1]))
    assert report["findings"] == [] and report["target"]["disabled_rules"] == []
    alone = load_state(states[1])
    for r in alone.resources:  # the same workload, its role declarations removed: judged standalone
        r.outputs.pop("pms-baseline:stackRole", None)
        for props in (r.inputs, r.outputs):
            if isinstance(props.get("tags"), dict):
                props["tags"].pop("pms-baseline:stackRole", None)
    report, _ = evidence_gate(alone)
    assert sorted({f["rule"] for f in report["findings"]}) == ACCOUNT_FAILED
