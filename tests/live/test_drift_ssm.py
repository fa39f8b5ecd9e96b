"""Systems Manager in a live account: a document it owns shared with every account (ssm-document-not-public)."""

import json

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto

RULE = "ssm-document-not-public"
CONTENT = json.dumps({"schemaVersion": "2.2", "description": "Restart the intake service.", "mainSteps": [
    {"action": "aws:runShellScript", "name": "restart", "inputs": {"runCommand": ["systemctl restart intake"]}}]})


def ssm_findings(account):
    return [(f.rule, f.resource.name, f.message) for f in account.verify(state=False).findings if f.rule == RULE]


def runbook(account, *share_with):
    ssm = account.client("ssm")
    ssm.create_document(Name="pms-support-runbook", Content=CONTENT, DocumentType="Command")
    if share_with:
        ssm.modify_document_permission(Name="pms-support-runbook", PermissionType="Share",
                                       AccountIdsToAdd=list(share_with))


def test_documents_shared_with_named_accounts_pass(account):
    runbook(account, "111122223333")
    assert ssm_findings(account) == []


def test_a_document_shared_with_all_accounts_is_a_finding(account):
    runbook(account, "All")
    assert ssm_findings(account) == [(
        RULE, "pms-support-runbook",
        R + "document pms-support-runbook: permissions account_ids is All, so every AWS account can read and run "
        "the document; share it with named account ids only (164.312(a)(1))")]
