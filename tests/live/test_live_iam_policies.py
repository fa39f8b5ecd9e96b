"""IAM read live under the pack's IAM policy rules (GetAccountAuthorizationDetails): trust policies, inline
policies, customer managed policies' default versions, users' direct attachments; roles', users' and policies'
paths and boundaries compared with the state."""

import json

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
READ = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::pms-claims/*"}]}


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def statement(action, resource="*", sid="Grant"):
    return {"Version": "2012-10-17", "Statement": [{"Sid": sid, "Effect": "Allow", "Action": action,
                                                     "Resource": resource}]}


def role(account, name="claims-task", trust=TRUST, boundary=None):
    kw = {"PermissionsBoundary": boundary} if boundary else {}
    account.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust), **kw)
    return name


def policy(account, name="claims-read", document=READ):
    return account.client("iam").create_policy(PolicyName=name, PolicyDocument=json.dumps(document))["Policy"]["Arn"]


def exercise(account):
    """A role with an inline and an attached policy, a user and a group with the same: every list
    GetAccountAuthorizationDetails answers (Role, User, Group, LocalManagedPolicy) has something to read."""
    iam = account.client("iam")
    arn = policy(account)
    role(account)
    iam.put_role_policy(RoleName="claims-task", PolicyName="inline", PolicyDocument=json.dumps(READ))
    iam.attach_role_policy(RoleName="claims-task", PolicyArn=arn)
    iam.create_user(UserName="alice")
    iam.put_user_policy(UserName="alice", PolicyName="inline", PolicyDocument=json.dumps(READ))
    iam.attach_user_policy(UserName="alice", PolicyArn=arn)
    iam.create_group(GroupName="analysts")
    iam.put_group_policy(GroupName="analysts", PolicyName="inline", PolicyDocument=json.dumps(READ))
    iam.attach_group_policy(GroupName="analysts", PolicyArn=arn)


def test_an_account_with_scoped_managed_policies_passes(account):
    iam = account.client("iam")
    arn = policy(account)
    iam.attach_role_policy(RoleName=role(account), PolicyArn=arn)
    iam.create_group(GroupName="analysts")
    iam.attach_group_policy(GroupName="analysts", PolicyArn=arn)
    for rule in ("iam-no-inline-policies", "iam-policy-document-valid", "iam-policy-no-admin-statements",
                 "iam-policy-no-kms-decrypt-on-all-keys", "iam-policy-no-service-wildcard-actions",
                 "iam-role-trust-no-wildcard-principal", "iam-user-no-direct-policies"):
        assert findings(account, rule) == [], rule


def test_a_trust_policy_anyone_may_assume_is_a_finding(account):
    role(account, "open", trust={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})
    assert findings(account, "iam-role-trust-no-wildcard-principal") == [(
        "open", 'role open: assumeRolePolicy statement 0 lets Principal {"AWS":"*"} assume the role; name the '
        "accounts, roles or services that may assume it (164.308(a)(4)(ii)(B))")]


def test_inline_policies_are_findings(account):
    exercise(account)
    fix = ("write it as a managed policy (aws.iam.Policy) and attach it, so it can be reviewed and versioned "
           "(164.308(a)(4)(ii)(B))")
    assert sorted(findings(account, "iam-no-inline-policies")) == [
        ("alice:inline", f"inline policy inline is attached to user alice; {fix}"),
        ("analysts:inline", f"inline policy inline is attached to group analysts; {fix}"),
        ("claims-task:inline", f"inline policy inline is attached to role claims-task; {fix}"),
    ]


def test_a_user_with_policies_of_their_own_is_a_finding(account):
    exercise(account)
    fix = ("attach it to a group or role instead, so access is granted and revoked in one place "
           "(164.308(a)(4)(ii)(B))")
    assert findings(account, "iam-user-no-direct-policies") == [
        ("alice:inline", f"user policy alice:inline: the policy is attached directly to user alice; {fix}"),
        ("alice/claims-read", "user policy attachment alice/claims-read: the policy is attached directly to user "
         f"alice; {fix}"),
    ]


def test_an_admin_policy_is_a_finding(account):
    iam = account.client("iam")
    arn = policy(account, "everything", statement("*"))
    iam.attach_role_policy(RoleName=role(account), PolicyArn=arn)
    assert findings(account, "iam-policy-no-admin-statements") == [(
        "everything", 'policy everything: policy statement Grant allows Action "*" on Resource "*" (full administrator '
        "access); grant only the actions and resources the principal needs (164.308(a)(4)(ii)(B))")]


def test_an_admin_policy_used_only_as_a_boundary_passes(account):
    role(account, boundary=policy(account, "ceiling", statement("*")))
    assert findings(account, "iam-policy-no-admin-statements") == []


def test_an_admin_boundary_also_attached_to_a_group_is_a_finding(account):
    iam = account.client("iam")
    arn = policy(account, "ceiling", statement("*"))
    role(account, boundary=arn)
    iam.create_group(GroupName="analysts")
    iam.attach_group_policy(GroupName="analysts", PolicyArn=arn)
    assert findings(account, "iam-policy-no-admin-statements") == [(
        "ceiling", 'policy ceiling: policy statement Grant allows Action "*" on Resource "*" (full administrator '
        "access); grant only the actions and resources the principal needs (164.308(a)(4)(ii)(B))")]


def test_decrypt_with_every_key_is_a_finding(account):
    policy(account, "decrypt-all", statement(["kms:Decrypt"]))
    assert findings(account, "iam-policy-no-kms-decrypt-on-all-keys") == [(
        "decrypt-all", "policy decrypt-all: policy statement Grant allows kms:Decrypt on every KMS key; name the "
        "keys in Resource so PHI keys are not usable by default (164.312(a)(2)(iv))")]


def test_a_service_wildcard_in_an_inline_policy_is_a_finding(account):
    iam = account.client("iam")
    iam.put_role_policy(RoleName=role(account), PolicyName="s3-all",
                        PolicyDocument=json.dumps(statement("s3:*", "arn:aws:s3:::pms-claims/*")))
    assert findings(account, "iam-policy-no-service-wildcard-actions") == [(
        "claims-task:s3-all", "role policy claims-task:s3-all: policy statement Grant allows s3:* (every action "
        "of the service); list only the actions the principal needs (164.308(a)(4)(ii)(B))")]


def test_an_unknown_action_is_a_finding(account):
    policy(account, "typo", statement("s3:GetObjekt", "arn:aws:s3:::pms-claims/*"))
    assert findings(account, "iam-policy-document-valid") == [(
        "typo", "typo policy statement Grant: Action s3:GetObjekt: s3 has no action 'GetObjekt'; fix it, or AWS "
        "refuses the document (MalformedPolicyDocument) or the statement grants nothing")]


def test_a_role_on_another_path_is_drift(account):
    role(account)
    state = state_of(resource(t.IAM_ROLE, "claims-task", "claims-task", path="/pms/"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-task", "claims-task: path is '/' in the account, '/pms/' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_boundary_removed_is_drift(account):
    role(account)
    boundary = "arn:aws:iam::123456789012:policy/ceiling"
    state = state_of(resource(t.IAM_ROLE, "claims-task", "claims-task", path="/", permissionsBoundary=boundary))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-task", f"claims-task: permissionsBoundary is '' in the account, '{boundary}' in the state")]


def test_a_deleted_role_is_missing(account):
    state = state_of(resource(t.IAM_ROLE, "claims-task", "claims-task", path="/"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-task"]
