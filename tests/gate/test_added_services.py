"""The gate on tests/programs/added_services: the prod baseline plus services a PMS team adds next to it, each
declared against an AWS Config HIPAA row of scope "other". The gate reports exactly those rows' rules, and a pack
finding and its checkov twin on one resource are one finding."""

import json

import pytest

from pms_baseline.cli import main
from pms_baseline.gate import run_gate
from tests.helpers import PROGRAMS, preview_state

# (rule, resource) of every finding; nothing of the baseline itself.
EXPECTED = {
    ("efs-file-system-encrypted", "records-share"),
    ("backup-selection-covers-efs-file-systems", "records-share"),
    ("kinesis-stream-encrypted", "intake-events"),
    ("redshift-cluster-encrypted", "warehouse"),
    ("redshift-cluster-not-publicly-accessible", "warehouse"),
    ("redshift-cluster-automated-snapshots-enabled", "warehouse"),
    ("redshift-cluster-audit-logging-enabled", "warehouse"),
    ("redshift-cluster-requires-tls", "warehouse"),
    ("opensearch-domain-encrypted-at-rest", "search"),
    ("opensearch-domain-in-vpc", "search"),
    ("opensearch-domain-logs-to-cloudwatch", "search"),
    ("opensearch-domain-node-to-node-encrypted", "search"),
    ("classic-elb-listeners-tls-only", "legacy-portal"),
    ("classic-elb-cross-zone-load-balancing-enabled", "legacy-portal"),
    ("sagemaker-notebook-instance-kms-encrypted", "research-notebook"),
    ("sagemaker-notebook-no-direct-internet-access", "research-notebook"),
    ("lambda-permission-not-public", "public-invoke"),
    ("ssm-document-not-public", "support-runbook"),
}


@pytest.fixture(scope="module")
def added():
    return preview_state("prod", "added_services")


def test_the_pack_reports_exactly_the_added_services_defects(added):
    report = run_gate(added, checkov=False)
    assert {(f.rule, f.resource.name) for f in report.findings} == EXPECTED
    assert all(f.mandatory and f.source == "policy-pack" for f in report.findings)


def test_the_cli_gate_on_the_program_fails_with_those_rules(tmp_path):
    out = tmp_path / "gate.json"
    code = main(["gate", "--program", str(PROGRAMS / "added_services"), "--stack", "prod", "--no-checkov",
                 "--format", "json", "--output", str(out)])
    report = json.loads(out.read_text())
    assert code == 1 and report["summary"]["passed"] is False
    assert {(f["rule"], f["resource"]["name"]) for f in report["findings"]} == EXPECTED


@pytest.mark.slow
def test_a_pack_rule_and_its_checkov_twin_are_one_finding(added):
    report = run_gate(added, checkov=True)
    twins = {("efs-file-system-encrypted", "records-share"): "checkov:CKV_AWS_42",
             ("kinesis-stream-encrypted", "intake-events"): "checkov:CKV_AWS_43",
             ("redshift-cluster-encrypted", "warehouse"): "checkov:CKV_AWS_64",
             ("classic-elb-listeners-tls-only", "legacy-portal"): "checkov:CKV_AWS_127",
             ("ssm-document-not-public", "support-runbook"): "checkov:CKV_AWS_303"}
    for (rule, name), twin in twins.items():
        found = [f for f in report.findings if f.resource.name == name
                 and rule in (f.rule, *(x.split(":", 1)[1] for x in f.also_found_by))]
        assert [(f.rule, f.source, f.also_found_by) for f in found] == [(rule, "policy-pack", (twin,))]
        assert not [f for f in report.findings if f.source == "checkov" and f"checkov:{f.rule}" == twin
                    and f.resource.name == name]
    # Every mandatory finding is a pack rule's: no checkov check of these rows is left standing on its own.
    assert {(f.rule, f.resource.name) for f in report.findings if f.mandatory} == EXPECTED
