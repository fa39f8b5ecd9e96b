"""Roles a service assumes hold no full administrator access: AdministratorAccess, a customer managed policy or an
inline policy allowing Action "*" on Resource "*"; roles people assume are the pre-deploy rule's and SSO's."""

import json

import boto3
import moto
import pytest

from pms_baseline.live.runner import verify
from tests.live.access_analyzer_answers import answer_analyzers
from tests.live.artifact import answer_agreements

pytestmark = pytest.mark.moto

REGION = "us-east-1"
RULES = {"iam-service-role-no-admin-access", "live-api-error", "live-api-access-denied"}
ADMIN = {"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}
SCOPED = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::pms-prod-records/*"}]}


def trust(principal):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]})


@pytest.fixture
def session(monkeypatch):
    monkeypatch.setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")  # AdministratorAccess exists in the account
    with moto.mock_aws():
        s = boto3.Session(region_name=REGION)
        answer_agreements(s)  # moto has no AWS Artifact (tests/live/artifact.py)
        answer_analyzers(s, [])  # nor IAM Access Analyzer: a new account has no analyzer
        yield s


def role(iam, name, principal, *, managed=None, inline=None, aws_managed=None):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust(principal))
    if managed is not None:
        arn = iam.create_policy(PolicyName=f"{name}-policy", PolicyDocument=json.dumps(managed))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    if inline is not None:
        iam.put_role_policy(RoleName=name, PolicyName=f"{name}-inline", PolicyDocument=json.dumps(inline))
    if aws_managed:
        iam.attach_role_policy(RoleName=name, PolicyArn=f"arn:aws:iam::aws:policy/{aws_managed}")


def found(session):
    return [(f.rule, f.resource.name, f.message) for f in verify(session=session, regions=[REGION]).findings
            if f.rule in RULES]


def test_scoped_service_roles_and_admin_roles_people_assume_pass(session):
    iam = session.client("iam")
    role(iam, "records-task", {"Service": "ecs-tasks.amazonaws.com"}, managed=SCOPED, inline=SCOPED)
    role(iam, "break-glass", {"AWS": "arn:aws:iam::123456789012:root"}, aws_managed="AdministratorAccess")
    assert found(session) == []


def test_administrator_access_on_a_service_role(session):
    role(session.client("iam"), "ci-runner", {"Service": ["ec2.amazonaws.com"]}, aws_managed="AdministratorAccess")
    (finding,) = [f for f in verify(session=session, regions=[REGION]).findings if f.rule in RULES]
    assert (finding.resource.name, finding.message) == (
        "ci-runner",
        'role ci-runner, assumed by ec2.amazonaws.com: the AWS managed policy AdministratorAccess allows Action "*" '
        'on Resource "*" (full administrator access); grant only what the service needs (164.308(a)(4)(ii)(B))',
    )
    assert finding.resource.id == "arn:aws:iam::123456789012:role/ci-runner"
    assert finding.aws_config_rules == ("iam-policy-no-statements-with-admin-access",)
    assert finding.severity == "critical"


def test_customer_managed_admin_policy_on_a_service_role(session):
    role(session.client("iam"), "etl", {"Service": "lambda.amazonaws.com"}, managed=ADMIN)
    assert found(session) == [(
        "iam-service-role-no-admin-access", "etl",
        'role etl, assumed by lambda.amazonaws.com: policy etl-policy statement All allows Action "*" on Resource '
        '"*" (full administrator access); grant only what the service needs (164.308(a)(4)(ii)(B))',
    )]


def test_inline_admin_statement_on_a_service_role(session):
    doc = {"Version": "2012-10-17", "Statement": [SCOPED["Statement"][0], {"Effect": "Allow", "Action": ["*"],
                                                                           "Resource": ["*"]}]}
    role(session.client("iam"), "batch", {"Service": "batch.amazonaws.com"}, inline=doc)
    assert [m for _, _, m in found(session)] == [
        'role batch, assumed by batch.amazonaws.com: inline policy batch-inline statement 1 allows Action "*" on '
        'Resource "*" (full administrator access); grant only what the service needs (164.308(a)(4)(ii)(B))'
    ]


def test_a_deny_of_everything_is_not_a_grant(session):
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
    role(session.client("iam"), "quarantined", {"Service": "ec2.amazonaws.com"}, inline=deny, managed=SCOPED)
    assert found(session) == []
