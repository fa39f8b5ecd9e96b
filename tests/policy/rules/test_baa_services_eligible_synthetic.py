import pytest

from pms_baseline.analyzer import analyze
from pms_baseline.judge import evaluate, judged, merge_config, stack_view
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource, Violation
from pms_baseline_pack.rules.account.baa_services_eligible_synthetic import check as rule
from tests.helpers import STACKS, preview_state
from tests.policy.rules.test_baa_services_eligible import CLOUDSEARCH, LIGHTSAIL_BUCKET, LIST, at, env
from tests.policy.rules.test_baa_services_eligible import ineligible as ineligible_for

SEALED = "this sealed test stack (environment test) holds synthetic data only, but a stack with PHI could not use it"
BEFORE = "use a service on the list before the design carries PHI"
CITES = "(164.308(b)(1), 164.314(a))"


def ineligible(stack, type_, name, service, why=SEALED):
    return ineligible_for(stack, type_, name, service, why, BEFORE)


def test_the_rule_is_advisory_unless_the_config_says_otherwise():
    assert rule.enforcement == "advisory"
    assert merge_config(None)[rule.id].enforcement == "advisory"
    assert merge_config(None)["baa-services-eligible"].enforcement == "mandatory"


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param(
            [
                at("test", t.S3_BUCKET, "scans", **env("test", **{"data-classification": "synthetic"})),
                at("test", t.RDS_INSTANCE, "pms-db", **env("test", **{"data-classification": "synthetic"})),
                at("test", t.IAM_ROLE, "uploader", **env("test")),
                at("test", "aws:lightsail/bucketAccessKey:BucketAccessKey", "uploads-key"),
            ],
            {},
            [],
            id="pass-listed-services-and-plumbing",
        ),
        pytest.param(
            [at("prod", t.S3_BUCKET, "scans", **env("prod")), at("prod", LIGHTSAIL_BUCKET, "uploads", **env("prod"))],
            {},
            [],
            id="pass-phi-stack-is-the-mandatory-rules",
        ),
        pytest.param(
            [at("dev", LIGHTSAIL_BUCKET, "uploads"), at("test", CLOUDSEARCH, "chart-search")],
            {},
            [],
            id="pass-untagged-stack-even-named-test",
        ),
        pytest.param(
            [
                at("test", t.S3_BUCKET, "scans", **env("test", **{"data-classification": "phi"})),
                at("test", LIGHTSAIL_BUCKET, "uploads", **env("test")),
            ],
            {},
            [],
            id="pass-test-stack-with-phi-is-not-sealed",
        ),
        pytest.param(
            [at("ci", t.S3_BUCKET, "scans", **env("test")), at("ci", LIGHTSAIL_BUCKET, "uploads", **env("prod"))],
            {},
            [],
            id="pass-stack-tagged-with-another-environment-too",
        ),
        pytest.param(
            [
                at("test", t.S3_BUCKET, "scans", **env("test", **{"data-classification": "synthetic"})),
                at("test", LIGHTSAIL_BUCKET, "uploads", **env("test")),
                at("test", CLOUDSEARCH, "chart-search"),
            ],
            {},
            [
                ineligible("test", LIGHTSAIL_BUCKET, "uploads", "Amazon Lightsail"),
                ineligible("test", CLOUDSEARCH, "chart-search", "Amazon CloudSearch"),
            ],
            id="fail-sealed-test-stack-untagged-resource-included",
        ),
        pytest.param(
            [at("test", t.S3_BUCKET, "scans", **env("test")), at("test", "aws:appconfig/application:Application", "f")],
            {},
            [
                Violation(
                    "Application f (aws:appconfig/application:Application) is of pulumi-aws module appconfig, which "
                    "reference/pulumi_aws_services.tsv does not map to an AWS service, so nothing shows the AWS BAA "
                    f"covers it; {SEALED}: look the module's service up on {LIST} and add it to the mapping {CITES}",
                    "urn:pulumi:test::practice::aws:appconfig/application:Application::f",
                )
            ],
            id="fail-unmapped-module",
        ),
        pytest.param(
            [at("qa", t.S3_BUCKET, "scans", **env("qa")), at("qa", "aws:memorydb/cluster:Cluster", "c", **env("qa"))],
            {"testEnvironments": ["qa"]},
            [
                ineligible(
                    "qa",
                    "aws:memorydb/cluster:Cluster",
                    "c",
                    "Amazon MemoryDB for Redis",
                    SEALED.replace("environment test", "environment qa"),
                )
            ],
            id="fail-configured-test-environment",
        ),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected


# tests/programs/baa: covered S3 and DynamoDB, uncovered Lightsail bucket and CloudSearch domain (untagged), and
# an IAM role and a Lightsail access key that hold no data. Its `sealed` stack is tagged environment=test.
def findings(stack, config=None, engine=evaluate):
    doc = preview_state(stack, "baa")
    found = analyze(doc, merge_config(config))[0] if engine is analyze else evaluate(doc, config)
    return sorted((f.rule, f.enforcement, f.resource.name, f.message) for f in found if f.rule.startswith("baa-"))


def sealed(level):
    return [
        (
            rule.id,
            level,
            "chart-search",
            ineligible("sealed", CLOUDSEARCH, "chart-search", "Amazon CloudSearch").message,
        ),
        (
            rule.id,
            level,
            "patient-uploads",
            ineligible("sealed", LIGHTSAIL_BUCKET, "patient-uploads", "Amazon Lightsail").message,
        ),
    ]


@pytest.mark.slow
def test_the_sealed_test_stack_gets_advice_by_default():
    assert findings("sealed") == sealed("advisory")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "level"),
    [
        ({"all": "mandatory"}, "mandatory"),
        ({"all": "mandatory", "baa-services-eligible-synthetic": "advisory"}, "advisory"),
        ({"baa-services-eligible-synthetic": {"enforcementLevel": "mandatory"}}, "mandatory"),
        ({"all": "advisory"}, "advisory"),
    ],
)
def test_the_policy_config_sets_its_level_as_the_engine_does(config, level):
    """The rule's own default < ``all`` < its own entry (Pulumi's ReconcilePolicyPackConfig)."""
    assert findings("sealed", config) == sealed(level)


@pytest.mark.slow
def test_disabled_it_gives_no_advice():
    assert findings("sealed", {"baa-services-eligible-synthetic": "disabled"}) == []


@pytest.mark.slow
def test_the_phi_stack_gets_only_the_mandatory_verdict():
    assert {(r, level) for r, level, _, _ in findings("phi")} == {("baa-services-eligible", "mandatory")}


@pytest.mark.slow
@pytest.mark.parametrize("stack", ["phi", "sealed"])
def test_the_crossguard_policy_reports_the_same(stack):
    assert findings(stack, engine=analyze) == findings(stack)


@pytest.mark.slow
@pytest.mark.parametrize("stack", STACKS)
def test_every_bundled_stack_passes(stack):
    assert evaluate(preview_state(stack), rules=(rule,)) == []


@pytest.mark.slow
def test_a_bucket_added_next_to_the_bundled_test_stack_is_advice():
    """The bundled test stack is a sealed test stack: an untagged Lightsail bucket added to it is found, advisory."""
    doc = preview_state("test")
    views = [stack_view(r) for r in judged(doc)]
    added = StackResource(
        urn=f"urn:pulumi:test::practice::{LIGHTSAIL_BUCKET}::uploads",
        type=LIGHTSAIL_BUCKET,
        name="uploads",
        props={"bundleId": "small_1_0"},
    )
    assert rule.run_stack([*views, added], {"testEnvironments": ["test"]}) == [
        ineligible("test", LIGHTSAIL_BUCKET, "uploads", "Amazon Lightsail")
    ]
    assert merge_config(None)[rule.id].enforcement == "advisory"
