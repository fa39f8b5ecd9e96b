"""Every AWS Config rule the Monitoring component deploys, judged on the bundled stacks as deployed: through the
pack rules mapped to it, with the rule's deployed parameters and scope, or, for rules that judge only what no stack
state holds, by checking the stack declares none of the kinds they judge. A deployed rule that would flag the
baseline is a defect: fix the baseline, state the design in the rule's parameters, or do not deploy the rule
(CONFIG_RULES_SKIPPED, said in the README)."""

from __future__ import annotations

import json
import re

import pytest

from pms_baseline import coverage as cov
from pms_baseline.gate import stack_view
from pms_baseline_infra.components.config_rules import CONFIG_RULES_CONDITIONAL, CONFIG_RULES_SKIPPED
from pms_baseline_pack import tokens as t
from pms_baseline_pack.reference import aws_config_rules
from tests.helpers import REPO_ROOT, STACKS, preview_state

BASELINE = {name for name, scope in aws_config_rules().items() if scope == "baseline"}


def deployed(state) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Config rule name -> (input parameters, scope) as the stack deploys it."""
    found = {}
    for r in state.of_type(t.CONFIG_RULE):
        raw = r.props.get("inputParameters")
        found[r.props["name"]] = (json.loads(raw) if raw else {}, dict(r.props.get("scope") or {}))
    return found


def violations(pack_rule, config, views) -> list[str]:
    if pack_rule.kind == "resource":
        return [m for v in views if v.type in pack_rule.resource_types for m in pack_rule.run_resource(v.props, config)]
    return [v.message for v in pack_rule.run_stack(views, config)]


def judge(state) -> dict[str, str]:
    """Config rule -> how the stack fares under it; a problem is any text other than how it passed."""
    views = [stack_view(r) for r in state.resources]
    verdicts = {}
    for name, (params, scope) in sorted(deployed(state).items()):
        if name in cov.LIVE_ONLY:
            judged = sorted({r.type for r in state.resources if r.type in cov.LIVE_ONLY[name].judges})
            verdicts[name] = f"PROBLEM: declares {', '.join(judged)}" if judged else "runtime-only"
            continue
        try:
            evaluations = cov.local_evaluation(name, params, scope)
        except (LookupError, ValueError) as exc:
            verdicts[name] = f"PROBLEM: {exc}"
            continue
        found = [f"{rule.id}: {m}" for rule, config in evaluations for m in violations(rule, config, views)]
        verdicts[name] = ("PROBLEM: " + "; ".join(found)) if found else "passes " + ", ".join(
            r.id for r, _ in evaluations)
    return verdicts


@pytest.mark.parametrize("stack", STACKS)
def test_no_deployed_config_rule_would_flag_the_baseline(stack):
    problems = {name: v for name, v in judge(preview_state(stack)).items() if v.startswith("PROBLEM")}
    assert problems == {}


@pytest.mark.parametrize("stack", STACKS)
def test_every_baseline_row_is_deployed_or_skipped_for_a_reason(stack):
    rules = set(deployed(preview_state(stack)))
    assert rules <= BASELINE
    missing = BASELINE - rules - set(CONFIG_RULES_SKIPPED)
    assert missing <= set(CONFIG_RULES_CONDITIONAL), missing
    assert not rules & set(CONFIG_RULES_SKIPPED)


def test_multi_az_rule_follows_the_design():
    assert "rds-multi-az-support" in deployed(preview_state("prod"))
    for stack in ("staging", "test"):  # single-AZ by design (multiAz false)
        assert "rds-multi-az-support" not in deployed(preview_state(stack))


def test_runtime_only_rules_judge_kinds_no_stack_declares():
    for stack in STACKS:
        declared = {r.type for r in preview_state(stack).resources}
        for name, entry in cov.LIVE_ONLY.items():
            assert not declared & set(entry.judges), (stack, name)


@pytest.mark.parametrize("stack", ["prod", "staging"])
def test_internet_route_tables_named_in_the_rule_are_the_public_tiers(stack):
    state = preview_state(stack)
    params, _ = deployed(state)["no-unrestricted-route-to-igw"]
    public = {r.id for r in state.of_type(t.ROUTE_TABLE) if (r.props.get("tags") or {}).get("pms-tier") == "public"}
    assert set(params["routeTableIds"].split(",")) == public
    vpcs, _ = deployed(state)["internet-gateway-authorized-vpc-only"]
    assert vpcs["AuthorizedVpcIds"] == state.of_type(t.VPC)[0].id


def test_sealed_test_stack_authorises_no_internet_gateway():
    params = deployed(preview_state("test"))
    assert "AuthorizedVpcIds" not in params["internet-gateway-authorized-vpc-only"][0]
    assert "routeTableIds" not in params["no-unrestricted-route-to-igw"][0]


def test_backup_rule_states_each_stacks_retention():
    for stack, days in (("prod", "35"), ("staging", "14"), ("test", "7")):
        params, _ = deployed(preview_state(stack))["backup-plan-min-frequency-and-min-retention-check"]
        assert params["requiredRetentionDays"] == days


def test_a_rule_the_pack_judges_more_leniently_is_refused():
    with pytest.raises(ValueError, match="unless it is deployed with excludePermissionBoundaryPolicy=true"):
        cov.local_evaluation("iam-policy-no-statements-with-admin-access", {})
    with pytest.raises(ValueError, match="s3-bucket-kms-encrypted lets the SSE-S3-only log buckets"):
        cov.local_evaluation("s3-default-encryption-kms", {})
    with pytest.raises(LookupError, match="securityhub-enabled: no pack rule judges it"):
        cov.local_evaluation("securityhub-enabled", {})


def test_skipped_rules_would_flag_the_baseline_if_deployed():
    """The reasons in CONFIG_RULES_SKIPPED hold: deployed as AWS defines them, these rules flag prod."""
    views = [stack_view(r) for r in preview_state("prod").resources]
    ((rule, config),) = cov.local_evaluation("s3-bucket-logging-enabled", {})
    assert violations(rule, config, views)


def test_readme_coverage_section_names_every_skipped_rule():
    readme = (REPO_ROOT / "README.md").read_text()
    section = re.search(r"\nCoverage of the AWS Config.*?(?=\n## )", readme, re.S)
    assert section, "README has no coverage section"
    for name in [*CONFIG_RULES_SKIPPED, *CONFIG_RULES_CONDITIONAL]:
        assert f"`{name}`" in section.group(0), name
