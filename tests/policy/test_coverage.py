"""The coverage figure against the AWS Config HIPAA list is computed from the catalogue and meets 85%."""

import pytest

from pms_baseline import coverage as cov
from pms_baseline_pack.reference import aws_config_rules
from pms_baseline_pack.rules import catalogue

BASELINE = {name for name, scope in aws_config_rules().items() if scope == "baseline"}
DECLARED = {name for rule in catalogue() for name in rule.aws_config_rules}


def test_every_baseline_row_is_classified_once():
    rows = cov.coverage().rows
    assert sorted(r.config_rule for r in rows) == sorted(BASELINE)


def test_figure_is_computed_from_the_catalogue():
    result = cov.coverage()
    covered = {r.config_rule for r in result.rows if r.status == cov.PRE_DEPLOY}
    assert covered == DECLARED & BASELINE
    live = {r.config_rule for r in result.rows if r.status == cov.LIVE}
    assert result.figure == (len(covered) + len(live)) / len(BASELINE)


def test_dropping_a_rule_lowers_the_figure():
    rules = catalogue()
    trail = next(r for r in rules if r.id == "cloudtrail-trail-log-file-validation-enabled")
    without = [r for r in rules if r is not trail]
    before, after = cov.coverage(rules), cov.coverage(without)
    # Counted in rows: the figure is a float, and 66/70 - 1/70 need not equal 65/70 to the last bit.
    assert after.count(cov.PRE_DEPLOY) == before.count(cov.PRE_DEPLOY) - 1
    assert after.figure == pytest.approx(before.figure - 1 / len(BASELINE))
    row = next(r for r in after.rows if r.config_rule == "cloud-trail-log-file-validation-enabled")
    assert row.status == cov.NOT_COVERED_STATUS


def test_pre_deploy_rows_name_their_rules():
    row = next(r for r in cov.coverage().rows if r.config_rule == "multi-region-cloudtrail-enabled")
    assert row.rules == ("cloudtrail-multi-region-trail-present",)


def test_live_only_and_not_covered_name_real_baseline_rows():
    assert set(cov.LIVE_ONLY) <= BASELINE
    assert set(cov.NOT_COVERED) <= BASELINE


def test_no_row_is_in_two_buckets():
    assert not set(cov.LIVE_ONLY) & set(cov.NOT_COVERED)
    assert not set(cov.LIVE_ONLY) & DECLARED, "a rule now declares a LIVE_ONLY row: remove it from LIVE_ONLY"
    assert not set(cov.NOT_COVERED) & DECLARED, (
        "a rule now declares a NOT_COVERED row: remove it from NOT_COVERED"
    )


def test_every_row_without_a_rule_has_a_reason():
    assert all(r.reason for r in cov.coverage().rows if r.status != cov.PRE_DEPLOY)
    assert not [r.config_rule for r in cov.coverage().rows if r.reason.startswith("no rule declares it")]


def test_figure_meets_the_target():
    assert cov.coverage().figure >= 0.85


def test_format_coverage_prints_rows_and_figure():
    rows = (
        cov.CoverageRow("cloudtrail-enabled", cov.PRE_DEPLOY, ("cloudtrail-trail-logging-enabled",), ""),
        cov.CoverageRow("root-account-mfa-enabled", cov.LIVE, (), "set by hand"),
        cov.CoverageRow("securityhub-enabled", cov.NOT_COVERED_STATUS, (), "not enabled"),
    )
    text = cov.format_coverage(cov.Coverage(rows))
    assert text.splitlines()[2:5] == [
        "cloudtrail-enabled        pre-deploy   cloudtrail-trail-logging-enabled",
        "root-account-mfa-enabled  live-only    set by hand",
        "securityhub-enabled       not covered  not enabled",
    ]
    assert text.splitlines()[-1] == (
        "pre-deploy 1, live-only 1, not covered 1 of 3 baseline rows: coverage 66.7% ((pre-deploy + "
        "live-only) / baseline)"
    )
