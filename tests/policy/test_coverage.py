"""Coverage of the AWS Config HIPAA list counts only checks that exist: the catalogue's rules and the registered
live checks, read from the one list `pms-baseline rules` prints."""

import json

import pytest

from pms_baseline import coverage as cov
from pms_baseline.cli import main
from pms_baseline.live import registry
from pms_baseline_pack.reference import aws_config_rules
from pms_baseline_pack.rules import catalogue

ROWS = aws_config_rules()
BASELINE = {name for name, scope in ROWS.items() if scope == "baseline"}
TECHNICAL = {name for name, scope in ROWS.items() if scope in ("baseline", "other")}


def declared_by(kind):
    return {name for c in cov.checks() if c.kind == kind for name in c.aws_config_rules}


def test_every_row_is_classified_once():
    rows = cov.coverage().rows
    assert sorted(r.config_rule for r in rows) == sorted(ROWS)
    assert len(ROWS) == 131 and len(TECHNICAL) == 130


def test_a_row_is_covered_exactly_when_an_implemented_check_declares_it():
    result = cov.coverage()
    covered = {r.config_rule for r in result.rows if r.status == cov.COVERED}
    assert covered == (declared_by(cov.PRE_DEPLOY_KIND) | declared_by(cov.LIVE_KIND)) & TECHNICAL
    for row in result.rows:
        if row.status == cov.COVERED:
            assert row.pre_deploy or row.live
        else:
            assert not row.pre_deploy and not row.live and row.reason, row


def test_the_checks_list_holds_the_catalogue_and_every_registered_live_check():
    found = cov.checks()
    assert [c.id for c in found if c.kind == cov.PRE_DEPLOY_KIND] == [r.id for r in catalogue()]
    assert {c.id for c in found if c.kind == cov.LIVE_KIND} == {chk.rule for chk in registry.CHECKS}
    assert {c.applies_to for c in found if c.kind == cov.PRE_DEPLOY_KIND} == {"resource", "stack"}
    assert {c.applies_to for c in found if c.kind == cov.LIVE_KIND} == {"account"}


def test_dropping_a_pre_deploy_rule_uncovers_its_row():
    found = cov.checks()
    without = [c for c in found if c.id != "cloudtrail-trail-log-file-validation-enabled"]
    before, after = cov.coverage(found), cov.coverage(without)
    assert after.count(cov.COVERED, ("baseline",)) == before.count(cov.COVERED, ("baseline",)) - 1
    row = next(r for r in after.rows if r.config_rule == "cloud-trail-log-file-validation-enabled")
    assert row.status == cov.NOT_COVERED_STATUS


def test_a_live_only_row_drops_when_its_live_check_is_not_registered(monkeypatch):
    """The root access key row is covered only by the registered live check; unregistered, it is not covered,
    with the LIVE_ONLY reason and the fact that no live check implements it."""
    cov.checks()  # registers every live check
    row = next(r for r in cov.coverage().rows if r.config_rule == "iam-root-access-key-check")
    assert (row.status, row.pre_deploy, row.live) == (cov.COVERED, (), ("iam-root-access-key-absent",))
    monkeypatch.setattr(registry, "CHECKS", [c for c in registry.CHECKS if c.rule != "iam-root-access-key-absent"])
    after = cov.coverage()
    row = next(r for r in after.rows if r.config_rule == "iam-root-access-key-check")
    assert row.status == cov.NOT_COVERED_STATUS
    assert row.reason == (
        "live-only (root user credentials are not infrastructure resources; only the account's credential report "
        "shows them), and no live check implements it yet"
    )


def test_rows_covered_before_deploy_and_live_name_both():
    row = next(r for r in cov.coverage().rows if r.config_rule == "multi-region-cloudtrail-enabled")
    assert row.pre_deploy == ("cloudtrail-multi-region-trail-present",)
    assert row.live == ("cloudtrail-multi-region-trail-present",)


def test_the_process_row_is_out_of_scope_with_its_reason():
    (row,) = [r for r in cov.coverage().rows if r.scope == "process"]
    assert (row.config_rule, row.status) == ("annual-risk-assessment-performed", cov.OUT_OF_SCOPE)
    assert row.reason.startswith("a process control")
    assert cov.coverage().total() == 130


def test_reasons_name_real_rows_and_only_uncovered_ones():
    assert set(cov.LIVE_ONLY) <= BASELINE
    assert set(cov.NOT_COVERED) <= BASELINE
    assert not set(cov.LIVE_ONLY) & set(cov.NOT_COVERED)
    covered = {r.config_rule for r in cov.coverage().rows if r.status == cov.COVERED}
    assert not set(cov.NOT_COVERED) & covered, "a check now covers a NOT_COVERED row: remove its reason"
    assert not [r.config_rule for r in cov.coverage().rows if r.reason.startswith("no pre-deploy rule")]


def test_baseline_figure_meets_the_target():
    assert cov.coverage().figure >= 0.85


def test_format_coverage_prints_rows_and_figures():
    rows = (
        cov.CoverageRow("cloudtrail-enabled", "baseline", cov.COVERED, ("cloudtrail-trail-logging-enabled",),
                        ("cloudtrail-multi-region-trail-present",)),
        cov.CoverageRow("root-account-mfa-enabled", "baseline", cov.COVERED, (), ("root-account-mfa-enabled",)),
        cov.CoverageRow("securityhub-enabled", "baseline", cov.NOT_COVERED_STATUS, reason="not enabled"),
        cov.CoverageRow("emr-kerberos-enabled", "other", cov.NOT_COVERED_STATUS, reason="not used"),
        cov.CoverageRow("annual-risk-assessment-performed", "process", cov.OUT_OF_SCOPE, reason="a process"),
    )
    lines = cov.format_coverage(cov.Coverage(rows)).splitlines()
    assert lines[2:7] == [
        "cloudtrail-enabled                baseline  covered       cloudtrail-trail-logging-enabled | "
        "cloudtrail-multi-region-trail-present",
        "root-account-mfa-enabled          baseline  covered       - | root-account-mfa-enabled",
        "securityhub-enabled               baseline  not covered   not enabled",
        "emr-kerberos-enabled              other     not covered   not used",
        "annual-risk-assessment-performed  process   out of scope  a process",
    ]
    assert lines[-2:] == [
        "baseline rows covered: 2 of 3 (66.7%); other rows covered: 0 of 1 (0.0%)",
        "technical rows covered: 2 of 4 (50.0%) (baseline + other; 1 process row out of scope)",
    ]


def test_rules_json_lists_pre_deploy_and_live_checks(capsys):
    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    kinds = {(c["id"], c["kind"]): c for c in listed}
    rds = kinds[("rds-instance-storage-encrypted", "pre-deploy")]
    assert rds["applies_to"] == "resource" and "rds-storage-encrypted" in rds["aws_config_rules"]
    root = kinds[("iam-root-access-key-absent", "live")]
    assert (root["applies_to"], root["services"], root["aws_config_rules"]) == (
        "account", ["iam"], ["iam-root-access-key-check"])
    assert len(listed) == len(cov.checks())


def test_coverage_json_is_what_the_rules_list_implements(capsys):
    assert main(["coverage", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    listed = {name for c in cov.checks() for name in c.aws_config_rules}
    for row in report["rows"]:
        assert (row["status"] == "covered") == (row["config_rule"] in listed and row["scope"] != "process"), row
    s = report["summary"]
    assert s["technical"]["rows"] == 130 and s["baseline"]["rows"] == 70 and s["out_of_scope"] == 1
    assert s["technical"]["covered"] == s["baseline"]["covered"] + s["other"]["covered"]
    assert s["baseline"]["figure"] == pytest.approx(s["baseline"]["covered"] / 70, abs=1e-4)


def test_coverage_table_ends_with_the_figures(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3].startswith("baseline rows covered: ")
    assert out[-2].startswith("technical rows covered: ") and "of 130" in out[-2]
    assert out[-1].startswith("pre-deploy rules also judged live under their own id: ") and "of 154" in out[-1]


def test_coverage_refuses_an_unknown_format(capsys):
    assert main(["coverage", "--format", "xml"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_rows_only_an_account_answers_are_covered_by_their_live_checks():
    rows = {r.config_rule: r for r in cov.coverage().rows}
    expected = {
        "root-account-mfa-enabled": ("root-account-mfa-enabled",),
        "root-account-hardware-mfa-enabled": ("root-account-hardware-mfa-enabled",),
        "iam-root-access-key-check": ("iam-root-access-key-absent",),
        "access-keys-rotated": ("iam-access-keys-rotated",),
        "iam-user-unused-credentials-check": ("iam-user-credentials-recently-used",),
        "iam-user-mfa-enabled": ("iam-console-user-mfa-enabled", "iam-user-mfa-enabled"),
        "mfa-enabled-for-iam-console-access": ("iam-console-user-mfa-enabled",),
        "acm-certificate-expiration-check": ("acm-certificate-not-expiring",),
        "securityhub-enabled": ("securityhub-enabled",),
    }
    assert {name: (rows[name].status, rows[name].pre_deploy, rows[name].live) for name in expected} == {
        name: (cov.COVERED, (), live) for name, live in expected.items()
    }
    assert set(cov.LIVE_ONLY) <= set(expected)


def test_admin_access_is_judged_before_deploy_and_on_the_roles_services_assume():
    row = next(r for r in cov.coverage().rows if r.config_rule == "iam-policy-no-statements-with-admin-access")
    assert (row.status, row.pre_deploy, row.live) == (
        cov.COVERED, ("iam-policy-no-admin-statements",),
        ("iam-policy-no-admin-statements", "iam-service-role-no-admin-access"))


def test_every_pre_deploy_rule_is_judged_live_or_says_why_it_cannot_be():
    """Live parity (issue 18): a pre-deploy rule has a live check of the same id, or a reason in NOT_READ_LIVE;
    never neither, never both."""
    from pms_baseline.live.not_read import NOT_READ_LIVE

    found = cov.checks()
    parity = cov.coverage(found).parity()
    assert parity["missing"] == []
    live_ids = {c.id for c in found if c.kind == cov.LIVE_KIND}
    assert sorted(set(NOT_READ_LIVE) & live_ids) == []
    assert set(NOT_READ_LIVE) <= {r.id for r in catalogue()}
    assert parity["checked"] + parity["not_readable"] == parity["rules"] == len(catalogue())


def test_a_rule_whose_live_check_is_not_registered_is_reported_not_read_live(monkeypatch):
    assert "rds-cluster-deletion-protection-enabled" not in cov.coverage(cov.checks()).parity()["missing"]
    monkeypatch.setattr(registry, "CHECKS", [c for c in registry.CHECKS
                                             if c.rule != "rds-cluster-deletion-protection-enabled"])
    found = cov.checks()
    entry = next(c for c in found if c.id == "rds-cluster-deletion-protection-enabled")
    assert entry.to_json()["read_live"] == cov.NOT_READ
    assert "rds-cluster-deletion-protection-enabled" in cov.coverage(found).parity()["missing"]
    assert "rds-cluster-deletion-protection-enabled" in cov.format_coverage(cov.coverage(found)).splitlines()[-1]


def test_rules_json_says_why_a_program_only_rule_is_not_read_live(capsys):
    assert main(["rules", "--format", "json"]) == 0
    entries = {(c["id"], c["kind"]): c for c in json.loads(capsys.readouterr().out)}
    assert entries[("rds-cluster-deletion-protection-enabled", "pre-deploy")]["read_live"] == "checked"
    assert entries[("iam-role-depends-on-named-policies", "pre-deploy")]["read_live"].startswith(
        "judges the order in which a program creates a role")
    assert "read_live" not in entries[("rds-cluster-deletion-protection-enabled", "live")]
