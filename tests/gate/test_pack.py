"""The CrossGuard pack as the Pulumi engine sees it: served by ``policy_packs/hipaa/__main__.py`` over gRPC,
and driven in process through the policy SDK's own Analyzer servicer with the same findings as the gate."""

import subprocess
import sys

import grpc
import pytest
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2 as proto
from pulumi.runtime.proto import analyzer_pb2_grpc

from pms_baseline.analyzer import analyze, analyzer_info, servicer
from pms_baseline.gate import evaluate, merge_config
from pms_baseline.loader import load_state
from pms_baseline.state import UNKNOWN_VALUE
from pms_baseline_pack.rules import catalogue
from tests.helpers import FIXTURES, REPO_ROOT, preview_state

RDS = "aws:rds/instance:Instance"


def key(findings):
    return sorted((f.rule, f.resource.urn, f.message, f.enforcement, f.severity, f.citations) for f in findings)


def test_every_rule_is_a_policy_with_its_metadata():
    info = analyzer_info()
    policies = {p["name"]: p for p in info["policies"]}
    assert info["name"] == "pms-hipaa" and info["supportsConfig"] is True
    assert sorted(policies) == sorted(r.id for r in catalogue())
    for rule in catalogue():
        p = policies[rule.id]
        # ADVISORY is the enum's zero value, which MessageToDict leaves out.
        assert p.get("enforcementLevel", "ADVISORY") == rule.enforcement.upper()
        assert p["severity"] == f"POLICY_SEVERITY_{rule.severity.upper()}"
        assert p["framework"]["name"] == "HIPAA Security Rule"
        assert p["remediationSteps"] == rule.remediation
        assert {f"hipaa:{c}" for c in rule.citations} <= set(p["tags"])
        assert {f"aws-config:{c}" for c in rule.aws_config_rules} <= set(p["tags"])
        assert p["policyType"] == ("POLICY_TYPE_RESOURCE" if rule.kind == "resource" else "POLICY_TYPE_STACK")
        if rule.config:
            assert p["configSchema"]["properties"] == {k: v.schema() for k, v in rule.config.items()}


DOCS = {
    "noncompliant program": lambda: preview_state("prod", "noncompliant"),
    "export v3": lambda: load_state(FIXTURES / "exports" / "clinic-prod-v3.json"),
    "export v3 without created": lambda: load_state(FIXTURES / "exports" / "clinic-prod-v3-old.json"),
    "export v4 with secrets": lambda: load_state(FIXTURES / "exports" / "clinic-prod-v4-show-secrets.json"),
    "checkpoint": lambda: load_state(FIXTURES / "shapes" / "checkpoint.json.gz"),
    "engine preview": lambda: load_state(FIXTURES / "shapes" / "engine-preview.json"),
    "preview with unknowns": lambda: preview_state("dr", "unknowns"),
}


@pytest.mark.parametrize("name", DOCS)
def test_the_analyzer_protocol_and_the_gate_report_the_same_findings(name):
    doc = DOCS[name]()
    direct = evaluate(doc)
    through_engine, notes = analyze(doc, merge_config({}))
    assert direct, "each fixture breaks some rules"
    assert key(through_engine) == key(direct)
    assert notes == []


def test_policy_config_travels_through_configure():
    doc = preview_state("prod", "noncompliant")
    config = {"all": "advisory", "rds-instance-storage-encrypted": "disabled",
              "ec2-security-group-ingress-restricted": {"enforcementLevel": "mandatory", "loadBalancerPorts": [443]}}
    findings, _ = analyze(doc, merge_config(config))
    assert key(findings) == key(evaluate(doc, config))
    rules = {f.rule: f.enforcement for f in findings}
    assert "rds-instance-storage-encrypted" not in rules
    assert rules["s3-bucket-public-access-blocked"] == "advisory"
    assert rules["ec2-security-group-ingress-restricted"] == "mandatory"


def _analyze_one(props):
    svc = servicer()
    svc.Configure(proto.ConfigureAnalyzerRequest(), None)
    s = struct_pb2.Struct()
    s.update(props)
    urn = "urn:pulumi:prod::pms-baseline::aws:rds/instance:Instance::db"
    response = svc.Analyze(proto.AnalyzeRequest(type=RDS, properties=s, urn=urn, name="db"), None)
    return {d.policyName: d.message for d in response.diagnostics}


def test_an_unknown_value_neither_passes_nor_fails():
    base = {"engine": "postgres", "storageEncrypted": False, "tags": {"environment": "prod"}}
    assert _analyze_one(base)["rds-instance-storage-encrypted"].startswith(
        "RDS instance storage is encrypted with a customer-managed KMS key\nstorageEncrypted is false; ")
    assert _analyze_one({**base, "storageEncrypted": UNKNOWN_VALUE})["rds-instance-storage-encrypted"].startswith(
        "can't run policy 'rds-instance-storage-encrypted' from policy pack 'pms-hipaa@v0.1.0' during preview: "
        "unknown at preview: storageEncrypted; ")


def test_numbers_arrive_as_doubles_and_messages_still_show_integers():
    found = _analyze_one({"engine": "postgres", "backupRetentionPeriod": 3, "tags": {"environment": "prod"}})
    message = found["rds-instance-backup-retention-minimum"]
    assert "3" in message and "3.0" not in message


@pytest.mark.slow
def test_the_pack_serves_the_analyzer_protocol_as_the_cli_runs_it(tmp_path):
    """`pulumi preview --policy-pack policy_packs/hipaa` starts the pack's program, reads the port it prints,
    and speaks gRPC to it: do exactly that, from a directory outside the repository."""
    proc = subprocess.Popen([sys.executable, "-u", str(REPO_ROOT / "policy_packs" / "hipaa")], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline().strip() or "0")
        assert port, proc.stderr.read()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = analyzer_pb2_grpc.AnalyzerStub(channel)
            info = stub.GetAnalyzerInfo(empty_pb2.Empty(), timeout=30)
            assert info.name == "pms-hipaa" and len(info.policies) == len(catalogue())
            stub.Configure(proto.ConfigureAnalyzerRequest(), timeout=30)
            props = struct_pb2.Struct()
            props.update({"engine": "postgres", "storageEncrypted": False, "publiclyAccessible": True})
            response = stub.Analyze(proto.AnalyzeRequest(
                type=RDS, properties=props, urn="urn:pulumi:prod::pms::aws:rds/instance:Instance::db", name="db"),
                timeout=30)
            names = {d.policyName for d in response.diagnostics}
            assert {"rds-instance-storage-encrypted", "rds-instance-not-publicly-accessible"} <= names
            assert all(d.enforcementLevel == proto.MANDATORY for d in response.diagnostics)
            assert json_format.MessageToDict(info)["policies"][0]["framework"]["name"] == "HIPAA Security Rule"
    finally:
        proc.kill()
        proc.wait()
