"""The added services of issue 18.3 through the gate: tests/programs/addons declares DynamoDB, EC2, EBS, EFS,
Aurora, Auto Scaling, ECS, API Gateway, DMS and CodeBuild twice, as a hurried draft and as reviewed. The draft
fails exactly the expected rules on the expected resources; the reviewed stack fails none of them (the program is
not the baseline, so the baseline's own stack rules, a trail or GuardDuty missing, are not this test's subject)."""

import pytest

from pms_baseline.cli import main
from pms_baseline.gate import run_gate
from tests.helpers import preview_state

DRAFT = {
    ("apigateway-stage-client-certificate", "api-prod"),
    ("apigateway-stage-execution-logging-enabled", "api-prod"),
    ("apigateway-stage-waf-associated", "api-prod"),
    ("autoscaling-group-elb-health-check", "app"),
    ("autoscaling-launch-no-public-ip", "app"),
    ("backup-selection-covers-aurora-clusters", "aurora"),
    ("backup-selection-covers-dynamodb-tables", "visits"),
    ("backup-selection-covers-ebs-volumes", "scratch"),
    ("backup-selection-covers-ec2-instances", "worker"),
    ("backup-selection-covers-efs-file-systems", "files"),
    ("codebuild-project-no-plaintext-aws-credentials", "ci"),
    ("codebuild-project-source-url-no-credentials", "ci"),
    ("dms-replication-instance-not-public", "migrate"),
    ("dynamodb-table-autoscaling-enabled", "visits"),
    ("dynamodb-table-pitr-enabled", "visits"),
    ("ec2-instance-imdsv2-required", "app"),
    ("ec2-instance-imdsv2-required", "worker"),
    ("ec2-instance-in-vpc-subnet", "worker"),
    ("ec2-instance-no-public-ip", "worker"),
    ("ec2-instance-profile-attached", "worker"),
    ("ecs-task-definition-host-mode-nonroot-user", "agent"),
    ("ecs-task-definition-readonly-root-filesystem", "agent"),
    ("rds-cluster-deletion-protection-enabled", "aurora"),
    ("rds-cluster-multi-az-enabled", "aurora"),
}
ADDED_RULES = {rule for rule, _ in DRAFT}


def added(findings):
    return {(f.rule, f.resource.name) for f in findings if f.rule in ADDED_RULES}


@pytest.fixture(scope="module")
def draft():
    return preview_state("draft", "addons")


def test_the_draft_fails_exactly_the_added_rules(draft):
    report = run_gate(draft, checkov=False)
    assert added(report.findings) == DRAFT
    assert all(f.mandatory for f in report.findings if f.rule in ADDED_RULES)
    imds = {f.message for f in report.findings if f.rule == "ec2-instance-imdsv2-required"}
    assert all(m.startswith("metadataOptions.httpTokens is optional,") for m in imds)
    assert not any("AKIAIOSFODNN7EXAMPLE" in f.message or "example-app-password" in f.message
                   for f in report.findings)


def test_the_reviewed_stack_passes_every_added_rule():
    report = run_gate(preview_state("fixed", "addons"), checkov=False)
    assert added(report.findings) == set()


@pytest.mark.slow
def test_no_twin_checkov_check_blocks_the_reviewed_stack():
    """A checkov id an added rule names is mandatory, so it must not fail where the rule passes."""
    from pms_baseline_pack.rules import by_id

    twins = {c for rule in ADDED_RULES for c in by_id()[rule].checkov_ids}
    report = run_gate(preview_state("fixed", "addons"), checkov=True)
    assert {(f.rule, f.resource.name) for f in report.findings if f.source == "checkov" and f.rule in twins} == set()


def test_gate_cli_on_the_draft(capsys):
    assert main(["gate", "--program", "tests/programs/addons", "--stack", "draft", "--no-checkov"]) == 1
    out = capsys.readouterr().out
    assert "dynamodb-table-pitr-enabled  [visits]" in out
    assert "apigateway-stage-waf-associated  [api-prod]" in out


@pytest.mark.slow
def test_a_rule_and_its_checkov_twin_are_one_finding(draft):
    """Issue 17, point 2, for the added services: where checkov's check is the rule's twin, one finding per problem,
    the pack's message, checkov named in also_found_by."""
    report = run_gate(draft, checkov=True)
    twins = {
        ("dynamodb-table-pitr-enabled", "visits"): "CKV_AWS_28",
        ("ec2-instance-no-public-ip", "worker"): "CKV_AWS_88",
        ("rds-cluster-deletion-protection-enabled", "aurora"): "CKV_AWS_139",
        ("dms-replication-instance-not-public", "migrate"): "CKV_AWS_89",
        ("ecs-task-definition-readonly-root-filesystem", "agent"): "CKV_AWS_336",
    }
    for (rule, name), check_id in twins.items():
        on = [f for f in report.findings if f.resource.name == name and check_id in (f.rule, *f.checkov_ids)]
        assert [(f.rule, f.source, f.also_found_by) for f in on] == [(rule, "policy-pack", (f"checkov:{check_id}",))]
