"""Stack roles in the pack: which rules are account rules, how a stack's resources declare its role, and a
workload stack's account rules reported not applicable by the CrossGuard policies and skipped by the judge."""

import pytest

from pms_baseline.analyzer import analyze, configure_request, servicer, stack_request
from pms_baseline.judge import evaluate, judged, merge_config
from pms_baseline.state import parse_document
from pms_baseline_pack.rules import StackResource, catalogue, stack_rule
from pms_baseline_pack.rules.roles import ROLE_KEY, role_of

ACCOUNT_RULES = [
    "account-ebs-encryption-by-default-enabled",
    "account-s3-public-access-blocked",
    "account-singletons-declared-once",
    "cloudtrail-multi-region-trail-present",
    "cloudwatch-cis-alarms-present",
    "config-recorder-enabled",
    "guardduty-detector-enabled",
    "iam-access-analyzer-present",
    "iam-password-policy-present",
]
# What a stack holding one bucket and nothing of the account fails among the account rules (singletons: none).
ABSENT = [r for r in ACCOUNT_RULES if r != "account-singletons-declared-once"]
STACK = "pulumi:pulumi:Stack"
BUCKET = "aws:s3/bucket:Bucket"


def test_account_rules_are_the_stack_rules_about_account_settings():
    account = [r for r in catalogue() if r.scope == "account"]
    assert [r.id for r in account] == ACCOUNT_RULES
    assert {r.kind for r in account} == {"stack"}
    assert {r.scope for r in catalogue()} == {"workload", "account"}


def test_account_scope_on_a_resource_rule_is_refused():
    with pytest.raises(ValueError, match="account only for a stack rule"):
        from pms_baseline_pack.rules import resource_rule

        resource_rule(id="x", title="x", severity="low", citations=(), resource_types=(), remediation="x",
                      scope="account")(lambda props, config: [])
    with pytest.raises(ValueError, match="scope must be one of"):
        stack_rule(id="x", title="x", severity="low", citations=(), resource_types=(), remediation="x",
                   scope="region")(lambda resources, config: [])


def view(urn, type_, props):
    return StackResource(urn=urn, type=type_, name=urn.rsplit("::", 1)[-1], props=props)


def tagged(role, name="b"):
    return view(f"urn:pulumi:w::p::{BUCKET}::{name}", BUCKET, {"tags": {ROLE_KEY: role}})


@pytest.mark.parametrize("resources, role", [
    pytest.param([], "standalone", id="none-declared-standalone"),
    pytest.param([tagged("workload"), tagged("workload", "c")], "workload", id="tags-agree"),
    pytest.param([view("u::p::b", BUCKET, {"tagsAll": {ROLE_KEY: "workload"}})], "workload", id="default-tags"),
    pytest.param([tagged("workload"), tagged("account-baseline", "c")], "standalone", id="tags-disagree"),
    pytest.param([tagged("tenant")], "standalone", id="not-a-role"),
    pytest.param([view("urn:pulumi:w::p::pulumi:pulumi:Stack::p-w", STACK, {ROLE_KEY: "account-baseline"}),
                  tagged("workload")], "account-baseline", id="root-output-wins"),
])
def test_role_of_what_the_resources_declare(resources, role):
    assert role_of(resources) == role


def lone_bucket(tags=None, outputs=None):
    """A state of one bucket (and, with ``outputs``, the root stack exporting them)."""
    resources = [{"urn": f"urn:pulumi:w::p::{STACK}::p-w", "custom": False, "type": STACK,
                  "outputs": outputs or {}}]
    resources.append({"urn": f"urn:pulumi:w::p::{BUCKET}::b", "custom": True, "id": "b-1", "type": BUCKET,
                      "inputs": {"bucket": "b-1", "tags": tags or {}}, "outputs": {}})
    return parse_document({"version": 3, "deployment": {"resources": resources}}, "lone bucket")


def account_rules_failed(findings):
    return sorted({f.rule for f in findings if f.rule in ACCOUNT_RULES})


def test_the_judge_skips_account_rules_in_a_workload_stack_only():
    doc = lone_bucket()
    assert account_rules_failed(evaluate(doc)) == ABSENT
    assert account_rules_failed(evaluate(doc, role="account-baseline")) == ABSENT
    assert account_rules_failed(evaluate(doc, role="workload")) == []
    assert account_rules_failed(evaluate(doc, scopes=("workload",))) == []
    assert account_rules_failed(evaluate(doc, scopes=("account",))) == ABSENT
    assert {f.rule for f in evaluate(doc, scopes=("account",))} == set(ABSENT)


def stack_response(doc, role=None):
    svc = servicer()
    svc.GetAnalyzerInfo(None, None)
    svc.Configure(configure_request(merge_config(None)), None)
    return svc.AnalyzeStack(stack_request(judged(doc), role), None)


def test_crossguard_reports_a_workload_stacks_account_rules_not_applicable_from_its_tags():
    response = stack_response(lone_bucket(tags={ROLE_KEY: "workload"}))
    assert sorted(n.policy_name for n in response.not_applicable) == ACCOUNT_RULES
    assert {n.reason for n in response.not_applicable} == {
        "account rule, not applicable to a workload stack (pms-baseline:stackRole=workload); judge the account by "
        "gating this stack together with its account-baseline stack"}
    assert {d.policyName for d in response.diagnostics} & set(ACCOUNT_RULES) == set()


def test_crossguard_judges_an_undeclared_or_account_baseline_stack_with_every_rule():
    for doc, role in ((lone_bucket(), None), (lone_bucket(tags={ROLE_KEY: "workload"}), "account-baseline")):
        response = stack_response(doc, role)
        assert not response.not_applicable
        assert sorted({d.policyName for d in response.diagnostics} & set(ACCOUNT_RULES)) == ABSENT


def test_the_analyzer_engine_and_the_judge_agree_on_a_workload():
    doc = lone_bucket(tags={ROLE_KEY: "workload"})
    found, _ = analyze(doc, merge_config(None), role="workload")
    direct = evaluate(doc, role="workload")
    assert sorted((f.rule, f.message) for f in found) == sorted((f.rule, f.message) for f in direct)
    assert account_rules_failed(found) == []


def test_the_pack_reads_the_role_from_the_root_stack_output():
    # The gate sends its resolved role (here: --stack-role) as the root stack's output, which wins over tags.
    response = stack_response(lone_bucket(tags={ROLE_KEY: "standalone"}), "workload")
    assert sorted(n.policy_name for n in response.not_applicable) == ACCOUNT_RULES


def test_rules_lists_each_rules_scope():
    from pms_baseline.coverage import PRE_DEPLOY_KIND, checks

    rules = {c.id: c.to_json() for c in checks() if c.kind == PRE_DEPLOY_KIND}
    assert sorted(i for i, c in rules.items() if c["scope"] == "account") == ACCOUNT_RULES
    assert {c["scope"] for c in rules.values()} == {"workload", "account"}
