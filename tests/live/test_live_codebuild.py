"""CodeBuild projects read live: no plaintext AWS keys in environment variables and no credentials in source URLs,
under the pre-deploy rules' ids, and drift of the project against the state. A key or a token the account holds
never appears in verify's report."""

import pytest

from pms_baseline.live.command import render
from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

PLAINTEXT = "codebuild-project-no-plaintext-aws-credentials"
SOURCE_URL = "codebuild-project-source-url-no-credentials"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETKEY"
TOKEN = "ghp_0123456789abcdefSECRETTOKEN"
ROLE = "arn:aws:iam::123456789012:role/pms-build"


def run(account, state=None):
    return verify(session=account.session, regions=["us-east-1"], state=state)


def findings(account, rule, state=None):
    return [(f.resource.name, f.message) for f in run(account, state).findings if f.rule == rule]


def project(account, name="claims-build", variable_type="SECRETS_MANAGER", location="https://github.com/pms/claims.git",
            privileged=False):
    value = SECRET_KEY if variable_type == "PLAINTEXT" else "pms/build/aws-secret-key"
    account.client("codebuild").create_project(
        name=name, serviceRole=ROLE, artifacts={"type": "NO_ARTIFACTS"},
        source={"type": "GITHUB", "location": location},
        environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                     "computeType": "BUILD_GENERAL1_SMALL", "privilegedMode": privileged,
                     "environmentVariables": [{"name": "AWS_SECRET_ACCESS_KEY", "value": value,
                                               "type": variable_type}]},
    )


def exercise(account):
    """One project: verify lists and describes it (codebuild:ListProjects, BatchGetProjects)."""
    project(account)


def test_a_key_from_secrets_manager_passes(account):
    project(account)
    assert findings(account, PLAINTEXT) == []


def test_a_plaintext_key_is_a_finding_that_never_shows_the_key(account):
    project(account, variable_type="PLAINTEXT")
    result = run(account)
    assert [(f.resource.name, f.message) for f in result.findings if f.rule == PLAINTEXT] == [(
        "claims-build", R + "project claims-build: environment.environmentVariables[0] AWS_SECRET_ACCESS_KEY is a "
        "PLAINTEXT variable, so the key is readable by anyone who can read the project; remove it and rely on "
        "the project's service role (164.312(a)(1))")]
    assert SECRET_KEY not in render(result, "json")


def test_a_plain_source_url_passes(account):
    project(account)
    assert findings(account, SOURCE_URL) == []


def test_a_source_url_with_a_token_is_a_finding_that_never_shows_the_token(account):
    project(account, location=f"https://{TOKEN}@github.com/pms/claims.git")
    result = run(account)
    assert [(f.resource.name, f.message) for f in result.findings if f.rule == SOURCE_URL] == [(
        "claims-build", R + "project claims-build: source.location embeds sign-in credentials in the GITHUB URL, "
        "which anyone who can read the project sees; use the plain URL with a source credential and revoke the "
        "token (164.312(a)(1))")]
    assert TOKEN not in render(result, "json")


def test_privileged_mode_turned_on_is_drift(account):
    project(account, privileged=True)
    state = state_of(resource(t.CODEBUILD_PROJECT, "claims-build", "claims-build", environment={
        "type": "LINUX_CONTAINER", "computeType": "BUILD_GENERAL1_SMALL", "privilegedMode": False},
        source={"type": "GITHUB"}))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-build", "claims-build: environment.privilegedMode is True in the account, False in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_project_is_missing(account):
    state = state_of(resource(t.CODEBUILD_PROJECT, "claims-build", "claims-build", source={"type": "GITHUB"}))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-build"]


def test_projects_that_cannot_be_described_are_not_judged(account):
    project(account, variable_type="PLAINTEXT")
    deny(account.session, "codebuild", "BatchGetProjects")
    result = run(account)
    assert [f.message for f in result.findings if f.rule in (PLAINTEXT, SOURCE_URL)] == []
    assert [f.message for f in result.findings if f.rule == "live-api-access-denied"] == [
        denied("codebuild:BatchGetProjects")]
