import pytest

from pms_baseline.analyzer import analyze
from pms_baseline.judge import evaluate, judged, merge_config, stack_view
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource, Violation
from pms_baseline_pack.rules.account.baa_services_eligible import check as rule
from tests.helpers import STACKS, preview_state

LIST = (
    "AWS's HIPAA Eligible Services Reference (https://aws.amazon.com/compliance/hipaa-eligible-services-reference/, "
    "as last updated 2022-03-29)"
)
KEEP = "keep PHI in a service on the list, or move the resource to a stack without PHI"
LIGHTSAIL_BUCKET = "aws:lightsail/bucket:Bucket"
CLOUDSEARCH = "aws:cloudsearch/domain:Domain"


def at(stack, type_, name, /, **props):
    return StackResource(urn=f"urn:pulumi:{stack}::practice::{type_}::{name}", type=type_, name=name, props=props)


def env(name, **more):
    return {"tags": {"environment": name, **more}}


def ineligible(stack, type_, name, service, why, fix=KEEP):
    return Violation(
        f"{type_.rsplit(':', 1)[-1]} {name} is a resource of {service}, which is not on {LIST}, so the AWS BAA does "
        f"not cover it; {why}: {fix} (164.308(b)(1), 164.314(a))",
        f"urn:pulumi:{stack}::practice::{type_}::{name}",
    )


def unmapped(stack, type_, name, module, why):
    return Violation(
        f"{type_.rsplit(':', 1)[-1]} {name} ({type_}) is of pulumi-aws module {module}, which "
        "reference/pulumi_aws_services.tsv does not map to an AWS service, so nothing shows the AWS BAA covers it; "
        f"{why}: look the module's service up on {LIST} and add it to the mapping (164.308(b)(1), 164.314(a))",
        f"urn:pulumi:{stack}::practice::{type_}::{name}",
    )


PROD = "this stack holds PHI (environment prod)"


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param(
            [
                at("prod", t.S3_BUCKET, "scans", **env("prod")),
                at("prod", t.RDS_INSTANCE, "pms-db", **env("prod", **{"data-classification": "phi"})),
                at("prod", t.LOG_GROUP, "app-logs", **env("prod")),
                at("prod", t.VPC, "pms-vpc", **env("prod")),
            ],
            {},
            [],
            id="pass-listed-services",
        ),
        pytest.param(
            [
                at("prod", t.IAM_ROLE, "uploader", **env("prod")),
                at("prod", t.ACCESS_ANALYZER, "account", **env("prod")),
                at("prod", "aws:lightsail/bucketAccessKey:BucketAccessKey", "uploads-key"),
            ],
            {},
            [],
            id="pass-plumbing-of-unlisted-services",
        ),
        pytest.param(
            [at("dev", LIGHTSAIL_BUCKET, "uploads"), at("dev", t.S3_BUCKET, "scans")],
            {},
            [],
            id="pass-stack-without-phi-signal",
        ),
        pytest.param(
            [
                at("test", t.RDS_INSTANCE, "pms-db", **env("test", **{"data-classification": "synthetic"})),
                at("test", LIGHTSAIL_BUCKET, "uploads", **env("test")),
            ],
            {},
            [],
            id="pass-sealed-test-stack",
        ),
        pytest.param(
            [
                at("prod", "random:index/randomPassword:RandomPassword", "seed"),
                at("prod", "pms:data:PhiDatabase", "pms"),
                at("prod", "pulumi:providers:aws", "default"),
            ],
            {},
            [],
            id="pass-not-pulumi-aws-resources",
        ),
        pytest.param(
            [at("ci", t.S3_BUCKET, "scans", **env("prod")), at("ci", LIGHTSAIL_BUCKET, "uploads", **env("prod"))],
            {},
            [ineligible("ci", LIGHTSAIL_BUCKET, "uploads", "Amazon Lightsail", PROD)],
            id="fail-environment-tag-prod",
        ),
        pytest.param(
            [at("prod", CLOUDSEARCH, "chart-search")],
            {},
            [ineligible("prod", CLOUDSEARCH, "chart-search", "Amazon CloudSearch", PROD)],
            id="fail-untagged-in-stack-named-prod",
        ),
        pytest.param(
            [at("staging", t.S3_BUCKET, "scans", **env("staging")), at("staging", "aws:memorydb/cluster:Cluster", "c")],
            {},
            [
                ineligible(
                    "staging",
                    "aws:memorydb/cluster:Cluster",
                    "c",
                    "Amazon MemoryDB for Redis",
                    "this stack holds PHI (environment staging)",
                )
            ],
            id="fail-staging",
        ),
        pytest.param(
            [
                at("dev", t.S3_BUCKET, "scans", tags={"data-classification": "phi"}),
                at("dev", "aws:lightsail/instance:Instance", "portal"),
            ],
            {},
            [
                ineligible(
                    "dev",
                    "aws:lightsail/instance:Instance",
                    "portal",
                    "Amazon Lightsail",
                    "this stack holds PHI (resources in it are tagged data-classification=phi)",
                )
            ],
            id="fail-phi-tag",
        ),
        pytest.param(
            [
                at("test", t.S3_BUCKET, "scans", **env("test", **{"data-classification": "phi"})),
                at("test", LIGHTSAIL_BUCKET, "uploads", **env("test")),
            ],
            {},
            [
                ineligible(
                    "test",
                    LIGHTSAIL_BUCKET,
                    "uploads",
                    "Amazon Lightsail",
                    "this stack holds PHI (resources in it are tagged data-classification=phi)",
                )
            ],
            id="fail-test-stack-with-phi-is-not-sealed",
        ),
        pytest.param(
            [at("prod", "aws:appconfig/application:Application", "flags", **env("prod"))],
            {},
            [unmapped("prod", "aws:appconfig/application:Application", "flags", "appconfig", PROD)],
            id="fail-unmapped-module",
        ),
        pytest.param(
            [at("dev", CLOUDSEARCH, "chart-search", **env("dev"))],
            {"phiEnvironments": ["dev"]},
            [
                ineligible(
                    "dev", CLOUDSEARCH, "chart-search", "Amazon CloudSearch", "this stack holds PHI (environment dev)"
                )
            ],
            id="fail-configured-phi-environment",
        ),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected


# tests/programs/baa: covered S3 and DynamoDB, uncovered Lightsail bucket and CloudSearch domain, and an IAM role
# and a Lightsail access key that hold no data.
def findings(stack, config=None, engine=evaluate):
    doc = preview_state(stack, "baa")
    if engine is analyze:
        found, _ = analyze(doc, merge_config(config))
    else:
        found = evaluate(doc, config, rules=(rule,))
    return sorted((f.enforcement, f.resource.name, f.message) for f in found if f.rule == rule.id)


def program_findings(stack, level, why, fix):
    return [
        (
            level,
            "chart-search",
            ineligible(stack, CLOUDSEARCH, "chart-search", "Amazon CloudSearch", why, fix).message,
        ),
        (
            level,
            "patient-uploads",
            ineligible(stack, LIGHTSAIL_BUCKET, "patient-uploads", "Amazon Lightsail", why, fix).message,
        ),
    ]


@pytest.mark.slow
def test_the_phi_stack_fails_on_exactly_the_uncovered_data_services():
    assert findings("phi") == program_findings("phi", "mandatory", PROD, KEEP)


@pytest.mark.slow
def test_the_sealed_test_stack_is_left_to_the_synthetic_rule():
    """baa-services-eligible-synthetic judges it, at advisory (its own test file)."""
    assert findings("sealed") == []


@pytest.mark.slow
@pytest.mark.parametrize("stack", ["phi", "sealed"])
def test_the_crossguard_policy_reports_the_same(stack):
    assert findings(stack, engine=analyze) == findings(stack)


@pytest.mark.slow
@pytest.mark.parametrize("stack", STACKS)
def test_every_bundled_stack_passes(stack):
    doc = preview_state(stack)
    assert evaluate(doc, rules=(rule,)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stack", "config", "why", "fix"),
    [
        ("prod", {}, PROD, KEEP),
        ("staging", {}, "this stack holds PHI (environment staging)", KEEP),
    ],
)
def test_a_bucket_added_next_to_a_bundled_stack_is_judged(stack, config, why, fix):
    """The bundled stacks are judged, not skipped: an untagged Lightsail bucket added to one is found."""
    views = [stack_view(r) for r in judged(preview_state(stack))]
    added = StackResource(
        urn=f"urn:pulumi:{stack}::practice::{LIGHTSAIL_BUCKET}::uploads",
        type=LIGHTSAIL_BUCKET,
        name="uploads",
        props={"bundleId": "small_1_0"},
    )
    assert rule.run_stack([*views, added], config) == [
        ineligible(stack, LIGHTSAIL_BUCKET, "uploads", "Amazon Lightsail", why, fix)
    ]
