"""AWS Artifact (account-wide): the account, or its organisation, has an active AWS Business Associate Addendum.

PHI may go into AWS only under a business associate agreement (164.308(b)(1), 164.314(a)), and AWS signs its BAA
through AWS Artifact. The collector reads ``artifact:ListCustomerAgreements`` once, in the home region, every page
(https://docs.aws.amazon.com/artifact/latest/APIReference/API_ListCustomerAgreements.html: "List active
customer-agreements applicable to calling identity"). Of each ``CustomerAgreementSummary`` it keeps ``name``,
``id``, ``arn``, ``awsAccountId``, ``organizationArn``, ``state`` (``ACTIVE``, ``CUSTOMER_TERMINATED`` or
``AWS_TERMINATED``), ``type`` and ``effectiveStart``/``effectiveEnd``.

Which agreement is a BAA: the API names no kind of agreement, so the name: Artifact lists the account's as "AWS
Business Associate Addendum", and the Artifact guide shows an agreement accepted offline as the "Offline Business
Associate Addendum" (https://docs.aws.amazon.com/artifact/latest/ug/manageofflineagreement.html); any name with
"Business Associate" in it counts. An organisation's BAA, accepted by its management account for every member
account (https://docs.aws.amazon.com/artifact/latest/ug/managing-agreements.html), applies to the calling account
too and carries ``organizationArn``: it counts, and a finding names whose agreement it read.

The verdict (rule ``baa-agreement-active``, live only):

- a BAA whose state is ACTIVE: passes, whoever accepted it (the account or its organisation);
- BAAs listed, none ACTIVE (terminated by the customer or by AWS): a finding naming each one's state and end;
- no BAA listed: a finding, naming the other agreements listed, if any;
- the call denied, failing, or not implemented (moto answers 404 "Not yet implemented"): no verdict; the denial
  or the failure is the usual ``live-api-access-denied`` or ``live-api-error`` finding, so the rule is reported
  unverified, never passed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pms_baseline.live.meta import BAA_AGREEMENT_RULE, BAA_INACTIVE, BAA_MISSING
from pms_baseline.live.registry import GLOBAL, Account, Inventory, check, collector, readable

ACCOUNT_TYPE = "aws:account"
BAA_NAME = re.compile(r"business associate", re.IGNORECASE)
CITES = "(164.308(b)(1), 164.314(a))"
ACCEPT = (
    "accept the AWS Business Associate Addendum in AWS Artifact (Agreements: Account agreements, or Organization "
    "agreements from the organisation's management account) before PHI enters the account"
)
_KEPT = ("name", "id", "arn", "awsAccountId", "organizationArn", "state", "type", "effectiveStart", "effectiveEnd")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.datetime, dt.date)) else value


def summary(agreement: dict[str, Any]) -> dict[str, Any]:
    """The fields the check reads of one ``CustomerAgreementSummary``, timestamps as ISO text."""
    return {k: _plain(agreement.get(k)) for k in _KEPT}


@collector("artifact", scope=GLOBAL)
def collect(live, inv: Inventory) -> None:
    art = live.client("artifact", live.home_region)
    agreements = inv.read(
        lambda: [summary(a) for a in live.pages(art, "list_customer_agreements", "customerAgreements")]
    )
    if not readable(agreements):
        inv.complete = False
        return
    inv.items["agreements"] = agreements


def is_baa(agreement: dict[str, Any]) -> bool:
    return bool(BAA_NAME.search(str(agreement.get("name") or "")))


def whose(agreement: dict[str, Any], account_id: str) -> str:
    """Whose agreement AWS Artifact listed: the organisation's, this account's, or another account's."""
    if agreement.get("organizationArn"):
        return f"the organisation's, {agreement['organizationArn']}"
    owner = agreement.get("awsAccountId")
    return "this account's" if not owner or owner == account_id else f"account {owner}'s"


def _described(agreement: dict[str, Any], account_id: str) -> str:
    name = agreement.get("name") or "an unnamed agreement"
    ended = f" since {agreement['effectiveEnd']}" if agreement.get("effectiveEnd") else ""
    ident = agreement.get("id") or "?"
    return f"{name} ({whose(agreement, account_id)}, id {ident}) is {agreement.get('state')}{ended}"


@check(BAA_AGREEMENT_RULE, "artifact")
def baa_active(acct: Account):
    inv = acct.get("artifact")
    if not inv.complete or "agreements" not in inv.items:
        return  # the denial or failure is its own finding: unverified, not passed
    account = acct.live.account_id
    agreements = inv.items["agreements"]
    baas = [a for a in agreements if is_baa(a)]
    if any(a.get("state") == "ACTIVE" for a in baas):
        return
    if baas:
        states = "; ".join(_described(a, account) for a in baas)
        first = baas[0]
        yield acct.live.finding(
            BAA_AGREEMENT_RULE,
            ACCOUNT_TYPE,
            first.get("name") or "business-associate-addendum",
            first.get("arn") or account,
            f"{BAA_INACTIVE}: {states}; so no BAA covers PHI in account {account}: {ACCEPT} {CITES}",
        )
        return
    others = sorted({str(a.get("name")) for a in agreements if a.get("name")})
    plural = "s" if len(others) != 1 else ""
    listed = f" (it lists {len(others)} other agreement{plural}: {', '.join(others)})" if others else ""
    yield acct.live.finding(
        BAA_AGREEMENT_RULE,
        ACCOUNT_TYPE,
        "business-associate-addendum",
        account,
        f"{BAA_MISSING} for account {account} or its organisation{listed}, so "
        f"no BAA covers PHI in it: {ACCEPT} {CITES}",
    )
