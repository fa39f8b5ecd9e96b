"""verify is read-only by construction: every call it makes is a Describe/Get/List action in the published
policy, and the policy lists nothing it does not call."""

import json
from importlib import import_module
from pathlib import Path

import pytest

from pms_baseline.live.policy import POLICY_FILE, iam_action, is_read_only, policy_actions, render
from tests.live.organisation import root_row
from tests.live.systems_manager import answer_ssm

pytestmark = pytest.mark.moto

EXERCISED = tuple(
    module for module in (import_module(f"tests.live.{path.stem}")
                          for path in sorted(Path(__file__).parent.glob("test_live_*.py")))
    if hasattr(module, "exercise")
)
"""Every service's test module with an ``exercise(account)``, which creates one of each resource kind its
collector reads (found, not listed: a new service's module is exercised without being named here)."""


@pytest.fixture
def recorded(account, monkeypatch):
    """Every (service, operation) a full verify makes, seen by a hook of the test's own on the session."""
    rds = account.client("rds")
    # A manual snapshot makes verify read snapshot attributes too: every code path runs.
    rds.create_db_snapshot(DBSnapshotIdentifier="manual-1", DBInstanceIdentifier="pms-prod-db")
    # A root user with MFA makes verify list the virtual MFA devices (is root's one of them?).
    root_row(monkeypatch, mfa=True)
    # A service role with an inline and a customer managed policy makes verify read both documents.
    iam = account.client("iam")
    trust = {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    iam.create_role(RoleName="records-task",
                    AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [trust]}))
    scoped = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::pms-prod-records/*"}]})
    iam.put_role_policy(RoleName="records-task", PolicyName="read-records", PolicyDocument=scoped)
    arn = iam.create_policy(PolicyName="read-records", PolicyDocument=scoped)["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="records-task", PolicyArn=arn)
    # An EBS snapshot and a DynamoDB table make verify read the snapshot's sharing and the table's throughput.
    volume = account.client("ec2").create_volume(AvailabilityZone="us-east-1a", Size=8)
    account.client("ec2").create_snapshot(VolumeId=volume["VolumeId"])
    account.client("dynamodb").create_table(TableName="visits", BillingMode="PAY_PER_REQUEST",
                                            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                                            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    # A document the account owns makes verify read its sharing (ssm:DescribeDocumentPermission).
    account.client("ssm").create_document(Name="runbook", DocumentType="Command", Content=json.dumps(
        {"schemaVersion": "2.2", "description": "noop", "mainSteps": [
            {"action": "aws:runShellScript", "name": "noop", "inputs": {"runCommand": ["true"]}}]}))
    # A running instance makes verify ask Systems Manager (answered here: moto has neither call), and a VPN
    # connection makes it read the tunnels.
    ec2 = account.client("ec2")
    image = "ami-0abcdef1234567890"  # moto's catalogue of public AMIs is not loaded (tests/conftest.py)
    (instance,) = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"]
    answer_ssm(account.session, {instance["InstanceId"]: "Online"},
               {"Association": {instance["InstanceId"]: "COMPLIANT"}, "Patch": {instance["InstanceId"]: "COMPLIANT"}})
    cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.10", BgpAsn=65000)["CustomerGateway"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]
    ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"],
                              VpnGatewayId=vgw["VpnGatewayId"])
    # Each service's own test module creates one of each resource kind its collector reads.
    for module in EXERCISED:
        module.exercise(account)
    calls = []

    def hook(model, **_):
        calls.append((model.service_model.service_name, model.name))

    account.session.events.register("before-call.*.*", hook)
    result = account.verify(state=True)
    account.session.events.unregister("before-call.*.*", hook)
    return calls, result


def test_every_call_is_a_read_in_the_policy(recorded):
    calls, _ = recorded
    allowed = set(policy_actions())
    outside = sorted({f"{svc}:{op}" for svc, op in calls if iam_action(svc, op) not in allowed})
    writes = sorted({f"{svc}:{op}" for svc, op in calls if not is_read_only(op)})
    assert outside == []
    assert writes == []


def test_policy_lists_exactly_what_verify_calls(recorded):
    calls, _ = recorded
    assert policy_actions() == sorted({iam_action(svc, op) for svc, op in calls})
    assert POLICY_FILE.read_text() == render([iam_action(svc, op) for svc, op in calls])


def test_policy_is_allow_only_and_read_only():
    doc = json.loads(POLICY_FILE.read_text())
    assert [s["Effect"] for s in doc["Statement"]] == ["Allow"]
    # API Gateway authorises reads by HTTP verb: apigateway:GET is its read (live/policy.py IAM_ACTION).
    actions = [a for a in policy_actions() if a != "apigateway:GET"]
    assert all(is_read_only(a.split(":", 1)[1]) for a in actions)
    assert [a for a in actions if not a.split(":", 1)[1].startswith(("Describe", "Get", "List"))] == [
        "codebuild:BatchGetProjects", "iam:GenerateCredentialReport"
    ]


def test_verify_counts_the_calls_it_makes(recorded):
    calls, result = recorded
    assert result.api_calls == len(calls)
