"""A rule never passes or fails on a value the preview does not know: it reports "unknown at preview", advisory,
naming the property, in the gate's direct evaluation and through the policy SDK alike.

The fixture is ``tests/programs/unknowns``: records copied to a second region, encrypted there with a replica of a
multi-region key whose ARN no preview can know, beside an inbox bucket with no encryption at all.
"""

import pytest
from google.protobuf import struct_pb2
from pulumi.runtime.proto import analyzer_pb2 as proto

from pms_baseline.analyzer import analyze, servicer, stack_request
from pms_baseline.gate import evaluate, merge_config, run_gate
from pms_baseline.judge import judged
from pms_baseline.state import UNKNOWN_VALUE
from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules import by_id
from pms_baseline_pack.rules.props import shown
from pms_baseline_pack.rules.unknowns import judge_resource
from tests.helpers import preview_state

NOTE = "; known only after deploy, so the rule neither passes nor fails on it here (gate the stack's export after " \
       "`pulumi up`)"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"


@pytest.fixture(scope="module")
def dr():
    return preview_state("dr", "unknowns")


@pytest.fixture(scope="module")
def findings(dr):
    return evaluate(dr)


def of(findings, rule):
    return [(f.resource.name, f.enforcement, f.message) for f in findings if f.rule == rule]


def test_a_resource_rule_that_reads_an_unknown_key_reports_it_instead_of_passing(findings):
    assert of(findings, "logs-log-group-kms-encrypted") == [
        ("records-dr-copies", "advisory", "unknown at preview: kmsKeyId" + NOTE)]


def test_a_stack_rule_reports_the_unknown_on_the_resource_that_holds_it_and_still_fails_what_is_known(dr, findings):
    inbox = next(r.outputs["bucket"] for r in dr.resources if r.name == "records-dr-inbox")
    assert sorted(of(findings, "s3-bucket-kms-encrypted")) == [
        ("records-dr-inbox", "mandatory",
         f"bucket {inbox} has no server-side encryption configuration, so S3 falls back to SSE-S3; declare a "
         "BucketServerSideEncryptionConfiguration with sse_algorithm='aws:kms' and a customer-managed key "
         "(164.312(a)(2)(iv))"),
        ("records-dr-sse", "advisory",
         "unknown at preview: rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId" + NOTE),
    ]


def test_rules_that_read_no_unknown_judge_as_before(findings):
    assert of(findings, "logs-log-group-retention-minimum") == []
    assert of(findings, "s3-bucket-public-access-blocked") == []
    assert all(f.enforcement == "advisory" for f in findings if f.message.startswith("unknown at preview: "))


def test_the_gate_does_not_block_on_what_it_cannot_know(dr):
    report = run_gate(dr, checkov=False)
    unknown = [f for f in report.findings if f.message.startswith("unknown at preview: ")]
    assert unknown and not any(f.mandatory for f in unknown)
    assert report.mandatory == sum(1 for f in report.findings if not f.message.startswith("unknown at preview: ")
                                   and f.mandatory)


def test_a_disabled_rule_reports_nothing_not_even_unknown(dr):
    found = evaluate(dr, {"logs-log-group-kms-encrypted": "disabled"})
    assert of(found, "logs-log-group-kms-encrypted") == []


def test_both_engines_report_the_same_unknowns(dr, findings):
    through_engine, notes = analyze(dr, merge_config({}))
    key = sorted((f.rule, f.resource.urn, f.message, f.enforcement) for f in findings)
    assert sorted((f.rule, f.resource.urn, f.message, f.enforcement) for f in through_engine) == key
    assert notes == []
    assert any(f.message.startswith("unknown at preview: ") for f in through_engine)


def test_crossguard_reports_the_unknown_as_the_sdk_reports_a_policy_that_met_one_during_preview():
    svc = servicer()
    svc.Configure(proto.ConfigureAnalyzerRequest(), None)
    props = struct_pb2.Struct()
    props.update({"retentionInDays": 2192, "kmsKeyId": UNKNOWN_VALUE})
    urn = "urn:pulumi:dr::records-dr::aws:cloudwatch/logGroup:LogGroup::copies"
    response = svc.Analyze(proto.AnalyzeRequest(type=LOG_GROUP, properties=props, urn=urn, name="copies"), None)
    found = {d.policyName: d for d in response.diagnostics if d.policyName == "logs-log-group-kms-encrypted"}
    d = found["logs-log-group-kms-encrypted"]
    assert d.enforcementLevel == proto.ADVISORY
    assert d.message == ("can't run policy 'logs-log-group-kms-encrypted' from policy pack 'pms-hipaa@v0.1.0' "
                         "during preview: unknown at preview: kmsKeyId" + NOTE)


def test_a_stack_policy_names_each_resource_whose_unknown_it_read(dr):
    svc = servicer()
    svc.Configure(proto.ConfigureAnalyzerRequest(), None)
    response = svc.AnalyzeStack(stack_request(judged(dr)), None)
    d = next(d for d in response.diagnostics if d.policyName == "s3-bucket-kms-encrypted"
             and d.enforcementLevel == proto.ADVISORY)
    sse = next(r.urn for r in dr.resources if r.name == "records-dr-sse")
    assert d.message.split(" during preview: ", 1)[1] == (
        f"{sse}: unknown at preview: rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId" + NOTE)


def test_a_violation_that_does_not_rest_on_the_unknown_stands_beside_it():
    rule = by_id()["cloudtrail-trail-cloudwatch-logs-delivered"]
    found, unknown = judge_resource(rule.check, {"cloudWatchLogsGroupArn": UNKNOWN}, rule.defaults())
    assert found == ["cloudWatchLogsRoleArn is unset, so no alarm can watch the trail's events; use AuditTrail or "
                     "set cloud_watch_logs_role_arn (164.308(a)(1)(ii)(D))"]
    assert unknown == ("cloudWatchLogsGroupArn",)


def test_a_rule_that_stops_at_a_known_failure_never_reads_the_unknown():
    rule = by_id()["rds-instance-storage-encrypted"]
    found, unknown = judge_resource(rule.check, {"storageEncrypted": False, "kmsKeyId": UNKNOWN}, {})
    assert unknown == () and found[0].startswith("storageEncrypted is false; ")
    assert judge_resource(rule.check, {"storageEncrypted": UNKNOWN}, {}) == ([], ("storageEncrypted",))


def test_a_pass_on_an_unknown_is_not_a_pass():
    rule = by_id()["rds-instance-not-publicly-accessible"]
    assert judge_resource(rule.check, {"publiclyAccessible": UNKNOWN}, {}) == ([], ("publiclyAccessible",))
    assert judge_resource(rule.check, {"publiclyAccessible": False}, {}) == ([], ())


def test_a_failure_made_of_the_unknown_is_not_a_failure():
    def unguarded(props, config):  # a rule that forgets the value may be unknown
        kinds = props.get("trafficTypes")
        return [] if "ALL" in kinds else [f"trafficTypes is {shown(kinds)}; set traffic_type='ALL'"]

    assert judge_resource(unguarded, {"trafficTypes": ["REJECT", UNKNOWN]}, {}) == ([], ("trafficTypes[1]",))
    assert judge_resource(unguarded, {"trafficTypes": ["REJECT"]}, {}) == (
        ['trafficTypes is ["REJECT"]; set traffic_type=\'ALL\''], ())
