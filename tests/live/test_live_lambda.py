"""Lambda functions' resource policies read live: each statement judged as the Permission that added it under
lambda-permission-not-public, and drift of a permission against the state."""

import io
import zipfile

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "lambda-permission-not-public"
ACCOUNT = "123456789012"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def function(account, name="claims-intake"):
    role = account.client("iam").create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("handler.py", "def handle(event, context):\n    return None\n")
    account.client("lambda").create_function(FunctionName=name, Runtime="python3.12", Role=role,
                                             Handler="handler.handle", Code={"ZipFile": code.getvalue()})
    return name


def permit(account, principal, sid="intake", **extra):
    account.client("lambda").add_permission(FunctionName="claims-intake", StatementId=sid,
                                            Action="lambda:InvokeFunction", Principal=principal, **extra)


def exercise(account):
    """One function with one permission: verify lists it and reads its policy (lambda:ListFunctions, GetPolicy);
    a second function has no policy (GetPolicy answers ResourceNotFoundException)."""
    function(account)
    permit(account, "s3.amazonaws.com", SourceAccount=ACCOUNT, SourceArn="arn:aws:s3:::pms-claims-inbox")
    function(account, "claims-report")


def test_a_bucket_of_the_account_may_invoke(account):
    function(account)
    permit(account, "s3.amazonaws.com", SourceAccount=ACCOUNT, SourceArn="arn:aws:s3:::pms-claims-inbox")
    function(account, "claims-report")
    assert findings(account, RULE) == []


def test_an_account_may_invoke(account):
    function(account)
    permit(account, ACCOUNT)
    assert findings(account, RULE) == []


def test_a_wildcard_principal_is_a_finding(account):
    function(account)
    permit(account, "*")
    assert findings(account, RULE) == [(
        "claims-intake/intake", R + "permission claims-intake/intake: principal is *, so anyone may invoke the "
        "function; name the account, role or service that may (164.312(a)(1))")]


def test_s3_without_a_source_account_is_a_finding(account):
    function(account)
    permit(account, "s3.amazonaws.com", SourceArn="arn:aws:s3:::pms-claims-inbox")
    assert findings(account, RULE) == [(
        "claims-intake/intake", R + "permission claims-intake/intake: principal is s3.amazonaws.com without "
        "sourceAccount, so a bucket of any account may invoke the function; set source_account to the bucket "
        "owner's account id (164.312(a)(1))")]


def test_a_changed_principal_is_drift(account):
    function(account)
    permit(account, "*")
    state = state_of(resource(t.LAMBDA_PERMISSION, "intake", "intake", function="claims-intake",
                              statementId="intake", action="lambda:InvokeFunction", principal=ACCOUNT))
    assert findings(account, "live-setting-drift", state) == [
        ("intake", f"intake: principal is '*' in the account, '{ACCOUNT}' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_removed_permission_is_missing(account):
    function(account)
    state = state_of(resource(t.LAMBDA_PERMISSION, "intake", "intake", function="claims-intake",
                              statementId="intake", principal=ACCOUNT))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["intake"]


def test_a_policy_that_cannot_be_read_is_not_judged(account):
    function(account)
    permit(account, "*")
    deny(account.session, "lambda", "GetPolicy")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f.message for f in result.findings if f.rule == RULE] == []
    assert [f.message for f in result.findings if f.rule == "live-api-access-denied"] == [
        denied("lambda:GetPolicy")]
