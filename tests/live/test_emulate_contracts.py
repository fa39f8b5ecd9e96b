"""The emulator enforces the AWS service contracts at the call AWS checks them: every bundled stack realizes with no
contract refusal, and one broken variant per contract is refused at that call with the rule's id and message.

The variants are cut from tests/programs/contracts: a few resources of the kept stack in document order, some taken
from the broken stack instead, so each breaks exactly one contract; the messages are the ones the pack reports on
the broken stack (tests/policy/test_contract_programs.py)."""

import copy
import json

import boto3
import moto
import pytest

from pms_baseline.emulate import realize
from pms_baseline.emulate.contracts import CHECKED_AT, CONTRACT
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import catalogue
from tests.helpers import STACKS, preview_document
from tests.policy.test_contract_programs import BROKEN

pytestmark = pytest.mark.moto


@pytest.fixture(scope="module")
def programs():
    """The kept and broken previews of the contracts program, the broken one renamed into the kept stack so their
    resources mix (buckets, roles and policies keep their ids; keys do not)."""
    kept = preview_document("kept", "contracts")
    broken = json.loads(json.dumps(preview_document("broken", "contracts")).replace(":broken::", ":kept::"))
    return kept, broken


def variant(programs, *names):
    """The kept stack's resources ``names`` in this order; a name written ``broken:<name>`` comes from the broken
    stack."""
    kept, broken = programs

    def by_name(doc):
        return {r["urn"].rsplit("::", 1)[-1]: r for r in doc["deployment"]["resources"]}

    stacks = {"kept": by_name(kept), "broken": by_name(broken)}
    doc = copy.deepcopy(kept)
    resources = doc["deployment"]["resources"]
    head = [r for r in resources if not r.get("custom") or r["type"].startswith("pulumi:providers:")]
    picked = [stacks["broken" if n.startswith("broken:") else "kept"][n.removeprefix("broken:")] for n in names]
    doc["deployment"]["resources"] = head + copy.deepcopy(picked)
    return doc


def realized(doc):
    with moto.mock_aws():
        return realize(doc, session=boto3.Session(region_name="us-east-1"), region="us-east-1")


def pack_says(rule, nth=0):
    """The ``nth`` message the pack reports for ``rule`` on the broken contracts stack."""
    return [message for rule_id, _, message in BROKEN if rule_id == rule][nth]


def refusal(kind, name, rule, nth=0):
    return (kind, name, f"{CONTRACT}{rule}: {pack_says(rule, nth)}")


@pytest.mark.parametrize("stack", STACKS)
def test_every_bundled_stack_realizes_with_no_contract_refusal(stack):
    result = realized(preview_document(stack))
    assert result.refused == []
    assert sum(result.created.values()) > 150


# (contract, the resources in the order created, what is refused at which call)
VARIANTS = [
    (
        "kms-key-grants-cloudtrail",
        ("broken:trail-key", "trail-bucket", "broken:trail"),
        [refusal(t.CLOUDTRAIL, "trail", "kms-key-grants-cloudtrail")],
    ),
    (
        "kms-key-grants-cloudwatch-logs",
        ("broken:logs-key", "broken:app-logs"),
        [refusal(t.LOG_GROUP, "app-logs", "kms-key-grants-cloudwatch-logs")],
    ),
    (
        "kms-key-grants-sns-publishers",
        ("broken:topic-key", "broken:alerts", "findings", "broken:findings-to-alerts", "broken:root-use"),
        [
            refusal(t.EVENT_TARGET, "findings-to-alerts", "kms-key-grants-sns-publishers", 0),
            refusal(t.METRIC_ALARM, "root-use", "kms-key-grants-sns-publishers", 1),
        ],
    ),
    (
        "kms-key-grants-config-delivery",
        ("config-role", "recorder", "config-delivery", "broken:config-key", "config-bucket", "broken:delivery"),
        [refusal(t.CONFIG_DELIVERY_CHANNEL, "delivery", "kms-key-grants-config-delivery")],
    ),
    (
        "config-delivery-bucket-object-lock-disabled",
        ("config-role", "recorder", "config-delivery", "config-key", "broken:config-bucket", "delivery"),
        [refusal(t.CONFIG_DELIVERY_CHANNEL, "delivery", "config-delivery-bucket-object-lock-disabled")],
    ),
    (
        "config-delivery-bucket-writable",
        ("config-role", "recorder", "config-key", "config-bucket", "delivery"),
        [refusal(t.CONFIG_DELIVERY_CHANNEL, "delivery", "config-delivery-bucket-writable")],
    ),
    (
        "kms-key-grants-backup-vault",
        ("broken:backup-key", "broken:vault"),
        [refusal(t.BACKUP_VAULT, "vault", "kms-key-grants-backup-vault")],
    ),
    (
        "kms-key-grants-rds",
        ("broken:db-key", "broken:db"),
        [refusal(t.RDS_INSTANCE, "db", "kms-key-grants-rds")],
    ),
    (
        "kms-key-grants-autoscaling-ebs-default",
        ("broken:ebs-key", "broken:ebs-default"),
        [refusal(t.EBS_DEFAULT_KMS_KEY, "ebs-default", "kms-key-grants-autoscaling-ebs-default")],
    ),
    (
        "elb-access-log-bucket-accepts-delivery",
        ("alb-logs", "broken:alb-logs-sse", "alb-logs-policy", "alb"),
        [refusal(t.LOAD_BALANCER, "alb", "elb-access-log-bucket-accepts-delivery", 0)],
    ),
    (
        "s3-access-log-target-accepts-delivery",
        ("trail-bucket", "access-logs", "broken:access-logs-sse", "trail-bucket-logging"),
        [refusal(t.S3_LOGGING, "trail-bucket-logging", "s3-access-log-target-accepts-delivery")],
    ),
    (
        "wafv2-logging-destination-named-aws-waf-logs",
        ("broken:waf-logs", "broken:waf-logging"),
        [refusal(t.WAF_LOGGING, "waf-logging", "wafv2-logging-destination-named-aws-waf-logs")],
    ),
    (
        "iam-role-depends-on-named-policies",
        ("app-role", "boundary"),
        [refusal(t.IAM_ROLE, "app-role", "iam-role-depends-on-named-policies")],
    ),
    (
        "iam-policy-document-valid",
        ("broken:boundary",),
        [refusal(t.IAM_POLICY, "boundary", "iam-policy-document-valid")],
    ),
    (
        "account-singletons-declared-once",
        ("detector", "broken:detector-again"),
        [refusal(t.GUARDDUTY_DETECTOR, "detector-again", "account-singletons-declared-once")],
    ),
]


@pytest.mark.parametrize(("contract", "names", "refused"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_broken_variant_is_refused_at_the_call_aws_checks(programs, contract, names, refused):
    result = realized(variant(programs, *names))
    assert result.refused == refused
    assert {why.removeprefix(CONTRACT).split(":")[0] for _, _, why in result.refused} == {contract}


def test_each_contract_rule_is_checked_and_has_a_broken_variant():
    contracts = {r.id for r in catalogue() if r.sources}
    assert set(CHECKED_AT) == contracts
    assert {v[0] for v in VARIANTS} == contracts


def test_what_exists_at_the_call_decides(programs):
    """A role named before its boundary exists is refused and the same role after it is accepted; a load balancer
    created before its log bucket's policy is refused; a log target's encryption changed after logging was set up
    is refused at that change (AWS accepts it, and the logs stop)."""
    before = realized(variant(programs, "app-role", "boundary"))
    after = realized(variant(programs, "boundary", "app-role"))
    assert [name for _, name, _ in before.refused] == ["app-role"]
    assert after.refused == [] and after.created == {t.IAM_POLICY: 1, t.IAM_ROLE: 1}

    early = realized(variant(programs, "alb-logs", "alb-logs-sse", "alb", "alb-logs-policy"))
    assert early.refused == [refusal(t.LOAD_BALANCER, "alb", "elb-access-log-bucket-accepts-delivery", 1)]
    assert realized(variant(programs, "alb-logs", "alb-logs-sse", "alb-logs-policy", "alb")).refused == []

    late = realized(variant(programs, "trail-bucket", "access-logs", "trail-bucket-logging", "broken:access-logs-sse"))
    assert late.refused == [refusal(t.S3_SSE, "access-logs-sse", "s3-access-log-target-accepts-delivery")]


def test_a_contract_refusal_is_final_and_summarised(programs):
    """moto's refusals are tried again once everything exists; a contract's is not (AWS refused it at its step)."""
    result = realized(variant(programs, "app-role", "boundary"))
    assert result.created == {t.IAM_POLICY: 1}
    assert result.summary().splitlines()[-2:] == [
        "1 resources refused as AWS would (service contracts):",
        f"  {t.IAM_ROLE} app-role: iam-role-depends-on-named-policies: "
        + pack_says("iam-role-depends-on-named-policies"),
    ]


@pytest.mark.parametrize(("stack", "code"), [("kept", 0), ("broken", 1)])
def test_the_emulate_command_fails_when_aws_would_refuse_a_resource(stack, code, tmp_path):
    import socket
    import subprocess
    import sys

    from tests.helpers import PROGRAMS, REPO_ROOT

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.run([sys.executable, "-m", "pms_baseline", "emulate", "--program", str(PROGRAMS / "contracts"),
                           "--stack", stack, "--no-wait", "--port", str(port)],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    assert proc.returncode == code, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert ("resources refused as AWS would" in proc.stdout) == (code == 1)
