"""Systems Manager: no document the account owns is shared with every AWS account (ssm-document-not-public).

A document's sharing is read with DescribeDocumentPermission (PermissionType Share): AccountIds holds "all" when
the document is public. Only documents the account owns (ListDocuments, Owner Self) can be shared by it.
https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeDocumentPermission.html
"""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t

RULE = "ssm-document-not-public"


def _shared_with(live, ssm, name: str) -> list[str]:
    """Every account id the document is shared with, across all pages of the answer."""
    found: list[str] = []
    kwargs = {"Name": name, "PermissionType": "Share"}
    while True:
        page = live.call(ssm, "describe_document_permission", **kwargs)
        found += page.get("AccountIds") or []
        token = page.get("NextToken")
        if not token:
            return found
        kwargs["NextToken"] = token


@collector("ssm")
def collect(live, inv: Inventory) -> None:
    ssm = live.client("ssm", inv.region)
    docs = inv.read(lambda: list(live.pages(ssm, "list_documents", "DocumentIdentifiers",
                                            Filters=[{"Key": "Owner", "Values": ["Self"]}])))
    if not readable(docs):
        inv.complete = False
        return
    inv.items["documents"] = {
        d["Name"]: inv.read(lambda n=d["Name"]: _shared_with(live, ssm, n)) for d in docs
    }


@check(RULE, "ssm")
def document_not_public(acct: Account):
    for inv in acct.each("ssm"):
        for name, accounts in sorted(inv.items.get("documents", {}).items()):
            if not readable(accounts):
                continue
            props = {"permissions": {"type": "Share", "account_ids": ",".join(accounts)}}
            for msg in judge(RULE, props, acct.live.rule_config(RULE)):
                yield acct.live.finding(RULE, t.SSM_DOCUMENT, name, name, f"document {name}: {msg}", inv.region)
