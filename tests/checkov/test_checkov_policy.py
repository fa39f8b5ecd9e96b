"""The curated checkov policy: real check ids, real citations, mandatory ids, reasoned skips."""

import pytest

from pms_baseline import checkov_policy as cp
from pms_baseline_pack.reference import citations
from pms_baseline_pack.rules import SEVERITIES, catalogue


@pytest.fixture(scope="module")
def checkov_ids():
    from pms_baseline.checkov_bridge import go_offline

    go_offline()
    from checkov.common.checks_infra.registry import get_graph_checks_registry
    from checkov.terraform.checks.resource.registry import resource_registry

    ids = {c.id for checks in resource_registry.checks.values() for c in checks}
    graph = get_graph_checks_registry("terraform")
    graph.load_checks()
    return ids | {c.id for c in graph.checks}


def test_every_curated_id_is_a_checkov_check(checkov_ids):
    curated = set(cp.policies()) | set(cp.SKIPS)
    assert curated - checkov_ids == set()


def test_every_citation_is_real():
    known = set(citations())
    assert {c for p in cp.policies().values() for c in p.citations} - known == set()


def test_severities_are_ours():
    assert {p.severity for p in cp.policies().values()} <= set(SEVERITIES)


def test_rule_checkov_ids_are_mandatory_with_the_rules_citations():
    for rule in catalogue():
        for check_id in rule.checkov_ids:
            policy = cp.policy_for(check_id)
            assert policy.mandatory is (check_id not in cp.ENVIRONMENT_TUNED), check_id
            assert set(rule.citations) <= set(policy.citations), check_id
            assert set(rule.aws_config_rules) <= set(policy.aws_config_rules), check_id


def test_environment_tuned_checks_are_advisory_because_a_rule_knows_the_environment():
    """Multi-AZ and the one-year log floor are prod requirements; the pack's rules apply them per environment,
    so checkov's environment-blind versions report but do not block staging and test."""
    listed = {c for r in catalogue() for c in r.checkov_ids}
    assert set(cp.ENVIRONMENT_TUNED) <= listed
    assert not cp.policy_for("CKV_AWS_157").mandatory and not cp.policy_for("CKV_AWS_338").mandatory


@pytest.mark.parametrize(
    "check_id, citation",
    [
        ("CKV_AWS_36", "164.312(c)(1)"),  # trail log file validation
        ("CKV_AWS_35", "164.312(a)(2)(iv)"),  # trail encrypted with a CMK
        ("CKV_AWS_2", "164.312(e)(1)"),  # HTTPS listener
    ],
)
def test_curated_checks_without_a_rule_are_mandatory(check_id, citation):
    assert check_id in cp.mandatory_ids()
    assert citation in cp.policy_for(check_id).citations


def test_uncurated_check_is_advisory_without_citations():
    assert cp.policy_for("CKV_AWS_999999") == cp.CheckPolicy("low", (), False)


def test_skips_have_reasons():
    for check_id, skip in cp.SKIPS.items():
        assert len(skip.reason) >= 40, check_id
        if check_id in cp.mandatory_ids() and not skip.resource_names:
            # skipped everywhere: only because a rule of the pack enforces the requirement instead
            assert "checked by the pack" in skip.reason, check_id


def test_skip_is_limited_to_its_types():
    check_id, skip = next((k, s) for k, s in cp.SKIPS.items() if s.resource_types)
    assert cp.skip_reason(check_id, skip.resource_types[0]) == skip.reason
    assert cp.skip_reason(check_id, "aws_not_a_listed_type") is None
    assert cp.skip_reason("CKV_AWS_16", "aws_db_instance") is None


def test_skip_limited_to_named_resources():
    reason = cp.SKIPS["CKV_AWS_145"].reason
    assert cp.skip_reason("CKV_AWS_145", "aws_s3_bucket", "pms-alb-logs") == reason
    assert cp.skip_reason("CKV_AWS_145", "aws_s3_bucket", "pms-audit-access-logs") == reason
    assert cp.skip_reason("CKV_AWS_145", "aws_s3_bucket", "pms-audit") is None
    assert cp.skip_reason("CKV_AWS_145", "aws_s3_bucket") is None
