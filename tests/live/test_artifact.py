"""The AWS BAA in AWS Artifact: active, missing, inactive, and unreadable (denied, failing, not implemented).

moto does not implement AWS Artifact, so the answers come from botocore's Stubber on the client ``Live`` makes,
and the check runs through ``Live.pages`` as in a real run; the last test runs a whole verify in moto, whose 404
is the usual "could not read" finding.
"""

import boto3
import moto
import pytest
from botocore.stub import Stubber

from pms_baseline.live import artifact
from pms_baseline.live.context import Live
from pms_baseline.live.registry import GLOBAL, Account, Inventory
from pms_baseline.live.runner import _problems, verify
from tests.live.artifact import ACCOUNT, ORGANIZATION, TERMINATED, agreement

ACCEPT = (
    "accept the AWS Business Associate Addendum in AWS Artifact (Agreements: Account agreements, or Organization "
    "agreements from the organisation's management account) before PHI enters the account (164.308(b)(1), "
    "164.314(a))"
)
NDA = agreement("AWS Artifact Non-Disclosure Agreement", ident="customer-agreement-nda")


def findings(*pages, error=None):
    """Run the collector and the check on Stubber answers: each page a list of agreements, or ``error`` as
    ``(code, HTTP status, message)``. Returns (rule, resource name, message) of every finding."""
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    live = Live(session=session, account_id=ACCOUNT, home_region="us-east-1")
    client = live.client("artifact", "us-east-1")
    with Stubber(client) as stub:
        if error:
            code, status, message = error
            stub.add_client_error("list_customer_agreements", code, message, status)
        for i, page in enumerate(pages):
            answer = {"customerAgreements": page, **({"nextToken": f"page-{i + 2}"} if i + 1 < len(pages) else {})}
            stub.add_response("list_customer_agreements", answer, {"nextToken": f"page-{i + 1}"} if i else {})
        inv = Inventory("artifact", GLOBAL)
        artifact.collect(live, inv)
        stub.assert_no_pending_responses()
    acct = Account(live=live, regions=("us-east-1",), inventories={("artifact", GLOBAL): inv})
    found = [*_problems(live, [inv]), *artifact.baa_active(acct)]
    return [(f.rule, f.resource.name, f.message) for f in found], found


@pytest.mark.parametrize(
    "pages",
    [
        pytest.param([[agreement()]], id="active-account-baa"),
        pytest.param([[NDA, agreement(organization=ORGANIZATION)]], id="active-organisation-baa"),
        pytest.param([[NDA], [agreement("Offline Business Associate Addendum")]], id="active-offline-baa-page-2"),
        pytest.param(
            [[agreement(state="CUSTOMER_TERMINATED", ended=TERMINATED), agreement(organization=ORGANIZATION)]],
            id="account-baa-terminated-organisation-baa-active",
        ),
    ],
)
def test_an_active_baa_passes(pages):
    assert findings(*pages)[0] == []


def test_a_missing_baa_is_a_mandatory_finding():
    found, (finding,) = findings([NDA])
    assert found == [
        (
            "baa-agreement-active",
            "business-associate-addendum",
            f"AWS Artifact lists no Business Associate Addendum for account {ACCOUNT} or its organisation (it lists "
            f"1 other agreement: AWS Artifact Non-Disclosure Agreement), so no BAA covers PHI in it: {ACCEPT}",
        )
    ]
    assert (finding.source, finding.enforcement, finding.severity) == ("live", "mandatory", "critical")
    assert finding.citations == ("164.308(b)(1)", "164.314(a)")
    assert (finding.resource.type, finding.resource.id) == ("aws:account", ACCOUNT)


def test_no_agreement_at_all_is_a_missing_baa():
    assert findings([])[0] == [
        (
            "baa-agreement-active",
            "business-associate-addendum",
            f"AWS Artifact lists no Business Associate Addendum for account {ACCOUNT} or its organisation, so no BAA "
            f"covers PHI in it: {ACCEPT}",
        )
    ]


def test_an_inactive_baa_is_a_mandatory_finding_with_its_state():
    found, (finding,) = findings(
        [
            agreement(state="CUSTOMER_TERMINATED", ended=TERMINATED),
            agreement(state="AWS_TERMINATED", ident="customer-agreement-org", organization=ORGANIZATION),
            NDA,
        ]
    )
    assert found == [
        (
            "baa-agreement-active",
            "AWS Business Associate Addendum",
            "AWS Artifact lists no ACTIVE Business Associate Addendum: AWS Business Associate Addendum (this "
            "account's, id customer-agreement-baa) is CUSTOMER_TERMINATED since 2026-11-02T09:30:00+00:00; AWS "
            f"Business Associate Addendum (the organisation's, {ORGANIZATION}, id customer-agreement-org) is "
            f"AWS_TERMINATED; so no BAA covers PHI in account {ACCOUNT}: {ACCEPT}",
        )
    ]
    assert finding.enforcement == "mandatory"
    assert finding.resource.id == f"arn:aws:artifact::{ACCOUNT}:customer-agreement/customer-agreement-baa"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        pytest.param(
            ("AccessDeniedException", 403, "User is not authorized"),
            (
                "live-api-access-denied",
                "artifact:ListCustomerAgreements",
                "artifact:ListCustomerAgreements was denied (AccessDeniedException), so the checks that need it could "
                "not run; grant it",
            ),
            id="denied",
        ),
        pytest.param(
            ("InternalServerException", 500, "An unknown server exception has occurred."),
            (
                "live-api-error",
                "artifact:ListCustomerAgreements",
                "us-east-1: artifact:ListCustomerAgreements failed (InternalServerException: An unknown server "
                "exception has occurred.)",
            ),
            id="failing",
        ),
        pytest.param(
            ("404", 404, "Not yet implemented"),
            (
                "live-api-error",
                "artifact:ListCustomerAgreements",
                "us-east-1: artifact:ListCustomerAgreements failed (404: Not yet implemented)",
            ),
            id="not-implemented",
        ),
    ],
)
def test_an_unreadable_list_is_the_usual_could_not_read_finding_and_no_verdict(error, expected):
    assert findings(error=error)[0] == [expected]


@pytest.mark.moto
def test_moto_does_not_implement_artifact_so_verify_reports_it_unread():
    with moto.mock_aws():
        session = boto3.Session(region_name="us-east-1")
        result = verify(session=session, regions=["us-east-1"])
    assert [(f.rule, f.message) for f in result.findings if "artifact" in f.message or f.rule.startswith("baa")] == [
        ("live-api-error", "us-east-1: artifact:ListCustomerAgreements failed (404: Not yet implemented)")
    ]
    assert "artifact:ListCustomerAgreements" in result.calls
