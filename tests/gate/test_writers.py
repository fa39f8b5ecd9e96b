"""The report formats CI systems read: SARIF for code scanning, JUnit XML for test tabs, Markdown for a pull
request comment, JSON for machines, a table for people; one report, judged once, written five ways."""

import json
import xml.etree.ElementTree as ET

import pytest

from pms_baseline.cli import main
from pms_baseline.findings import Finding
from pms_baseline.gate import run_gate
from pms_baseline.writers import render
from tests.helpers import REPO_ROOT, preview_state


@pytest.fixture(scope="module")
def report():
    return run_gate(preview_state("prod", "noncompliant"), checkov=False)


@pytest.fixture(scope="module")
def clean():
    return run_gate(preview_state("prod"), checkov=False)


def test_json_round_trips_every_finding(report):
    data = json.loads(render(report, "json"))
    assert data["tool"] == "pms-baseline" and data["source"] == "gate"
    assert data["summary"] == {"resources": report.resources, "findings": 7, "mandatory": 7, "advisory": 0, "waived": 0,
                               "passed": False}
    assert [Finding.from_json(f) for f in data["findings"]] == report.findings
    first = data["findings"][0]
    assert set(first) >= {"rule", "source", "severity", "enforcement", "citations", "resource", "message",
                          "remediation", "aws_config_rules", "checkov_ids"}


def test_sarif_has_a_rule_per_policy_and_a_located_result_per_finding(report):
    doc = json.loads(render(report, "sarif"))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {f.rule for f in report.findings}
    assert len(run["results"]) == len(report.findings)
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["level"] == "error"
        location = result["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] >= 1 and location["artifactLocation"]["uri"]
    rds = next(r for r in rules if r["id"] == "rds-instance-storage-encrypted")
    assert "164.312(a)(2)(iv)" in rds["help"]["text"] and rds["properties"]["security-severity"] == "9.5"
    # A finding points at the line of the program that declared the resource, as the engine records it.
    ssh = next(r for r in run["results"] if r["ruleId"] == "ec2-security-group-ingress-restricted")
    where = ssh["locations"][0]["physicalLocation"]
    source = (REPO_ROOT / "tests/programs/noncompliant/__main__.py").read_text().splitlines()
    assert where["artifactLocation"]["uri"] == "__main__.py"
    assert "SecurityGroupIngressRule(" in source[where["region"]["startLine"] - 1]


def test_junit_fails_one_case_per_resource_and_rule(report, clean):
    root = ET.fromstring(render(report, "junit"))
    cases = root.findall("./testsuite/testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    # Four findings on the public access block are one failing case; the other three defects one each.
    assert int(root.get("failures")) == len(failed) == 4
    assert int(root.get("tests")) == len(cases)
    text = " ".join(c.find("failure").text for c in failed)
    assert "Fix: " in text and "HIPAA: 164.312(a)(1)" in text
    passing = ET.fromstring(render(clean, "junit"))
    assert passing.get("failures") == "0" and passing.get("tests") == "1"


def test_markdown_is_a_pull_request_comment(report, clean):
    md = render(report, "markdown")
    assert md.startswith("### ❌ HIPAA gate: stack <code>prod</code> failed")
    assert ("| critical | mandatory | <code>rds-instance-storage-encrypted</code> | <code>pms-db</code> | "
            "164.312(a)(2)(iv) |") in md
    assert render(clean, "markdown").startswith("### ✅ HIPAA gate: stack <code>prod</code> passed")


def test_table_groups_by_citation_with_the_verdict_last(report):
    text = render(report, "table")
    lines = text.strip().splitlines()
    assert lines[0].startswith("pms-baseline gate: stack prod of pms-baseline")
    assert lines[-1] == "FAILED: 7 mandatory, 0 advisory findings"
    assert "\033[" not in text  # no colour when not on a terminal


@pytest.mark.parametrize("fmt, probe", [("sarif", '"version": "2.1.0"'), ("junit", "<testsuites"),
                                        ("markdown", "### "), ("json", '"summary"')])
def test_cli_writes_each_format_to_a_file(tmp_path, capsys, fmt, probe):
    out = tmp_path / f"report.{fmt}"
    code = main(["gate", "--program", "tests/programs/noncompliant", "--stack", "prod", "--no-checkov",
                 "--format", fmt, "--output", str(out)])
    assert code == 1
    assert probe in out.read_text()
    assert capsys.readouterr().err.startswith(f"wrote {out}: 7 mandatory, 0 advisory findings")


def test_one_run_writes_every_report_ci_needs(tmp_path, capsys):
    sarif, junit, md = tmp_path / "g.sarif", tmp_path / "g.xml", tmp_path / "summary.md"
    code = main(["gate", "--program", "tests/programs/noncompliant", "--stack", "prod", "--no-checkov",
                 "--report", f"sarif:{sarif}", "--report", f"junit:{junit}", "--report", f"markdown:{md}"])
    assert code == 1
    out, err = capsys.readouterr()
    assert out.rstrip().endswith("FAILED: 7 mandatory, 0 advisory findings")  # the table still goes to stdout
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert ET.fromstring(junit.read_text()).get("failures") == "4"
    assert md.read_text().startswith("### ❌ HIPAA gate")
    assert err.count("wrote ") == 3


def test_the_ci_workflow_runs_commands_the_cli_accepts():
    """Every pms-baseline command line in .github/workflows/compliance.yml parses, for both CI paths."""
    import shlex

    import yaml

    from pms_baseline.cli import build_parser

    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/compliance.yml").read_text())
    commands = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for part in step.get("run", "").replace("&&", "\n").splitlines():
                words = shlex.split(part.replace("${{ matrix.stack }}", "prod").replace("$GITHUB_STEP_SUMMARY", "s"))
                if words and words[0].endswith("pms-baseline"):
                    commands.append(words[1:])
    assert {c[0] for c in commands} == {"gate"} and len(commands) == 2
    assert any("--state" in c for c in commands) and any("--stack" in c for c in commands)
    for argv in commands:
        build_parser().parse_args(argv)
