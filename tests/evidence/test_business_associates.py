"""The bundle's "Business associates" section: the state's AWS services with their eligibility and data class, the
BAA's status from verify's findings when given, else a line asking for the agreement, and the agreement attached
with --baa-agreement, copied into the bundle with its SHA-256 in the (signed) manifest."""

import hashlib
import json

import jsonschema
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pms_baseline.evidence import check_bundle
from pms_baseline.evidence.model import build_model
from pms_baseline.evidence.reports import run_gate
from pms_baseline.live.meta import BAA_INACTIVE, BAA_MISSING
from tests.evidence.common import EXPORTS, GATE, SCHEMA, VERIFY, bound, load, run_cli
from tests.helpers import preview_state

STATE = EXPORTS / "clinic-prod-v3.json"
ASK = "None. Download the accepted AWS Business Associate Addendum from AWS Artifact (Agreements)"
# A small PDF, as AWS Artifact downloads an agreement (the content is not read, only hashed and kept).
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
    b"endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
BAA_FINDING = {
    "rule": "baa-agreement-active",
    "source": "live",
    "severity": "critical",
    "enforcement": "mandatory",
    "citations": ["164.308(b)(1)", "164.314(a)"],
    "aws_config_rules": [],
    "checkov_ids": [],
    "resource": {"urn": "", "type": "aws:account", "name": "business-associate-addendum", "id": "123456789012"},
    "remediation": "Accept the AWS Business Associate Addendum in AWS Artifact.",
}


def verify_report(folder, *extra):
    """The clinic's verify results with ``extra`` findings, bound to the clinic export."""
    data = load(VERIFY)
    data["findings"] += list(extra)
    mandatory = sum(1 for f in data["findings"] if f["enforcement"] == "mandatory")
    data["summary"].update(
        findings=len(data["findings"]),
        mandatory=mandatory,
        advisory=len(data["findings"]) - mandatory,
        passed=mandatory == 0,
    )
    path = folder / "verify.json"
    path.write_text(json.dumps(data))
    return bound(path, STATE, folder)


def bundle(folder, *argv):
    out = folder / "bundle"
    assert (
        run_cli(
            [
                "evidence",
                "--state",
                str(STATE),
                "--gate-results",
                str(bound(GATE, STATE, folder)),
                "--out",
                str(out),
                *argv,
            ]
        )
        == 0
    )
    return out, load(out / "evidence.json"), (out / "index.html").read_text(encoding="utf-8")


def test_without_verify_results_it_lists_the_services_and_asks_for_the_agreement(tmp_path):
    out, model, page = bundle(tmp_path)
    section = model["business_associates"]
    assert section["list"] == {
        "page": "https://aws.amazon.com/compliance/hipaa-eligible-services-reference/",
        "last_updated": "2022-03-29",
        "services": 136,
    }
    assert section["scope"] == {"kind": "phi", "reason": "this stack holds PHI (environment prod)"}
    assert section["agreement"] == {
        "status": "not_checked",
        "findings": [],
        "detail": "no verify results were given, so AWS Artifact was not read",
    }
    assert section["attachment"] is None
    rows = {s["service"]: (s["eligible"], s["holds_data"], s["verdict"], s["resources"]) for s in section["services"]}
    assert rows["Amazon Relational Database Service (Amazon RDS)"] == (True, True, "covered", 2)
    assert rows["AWS Key Management Service (KMS)"] == (True, False, "covered", 1)
    assert rows["AWS Identity and Access Management (IAM)"] == (False, False, "plumbing", 1)
    rds = next(s for s in section["services"] if s["service"].startswith("Amazon Relational"))
    assert rds["scope_note"] == "SQL Server, MySQL, Oracle, PostgreSQL, and MariaDB engines only"
    assert rds["types"] == [
        {"type": "aws:rds/cluster:Cluster", "resources": 1, "data_class": "data"},
        {"type": "aws:rds/instance:Instance", "resources": 1, "data_class": "data"},
    ]
    assert sum(s["resources"] for s in section["services"]) == sum(
        1 for r in load(STATE)["deployment"]["resources"] if r.get("custom", True) and r["type"].startswith("aws:")
    )
    assert '<h2 id="business-associates">Business associates</h2>' in page
    assert ASK in page and "<code>pms-baseline evidence --baa-agreement FILE</code>" in page
    assert load(out / "manifest.json")["inputs"]["baa_agreement"] is None
    jsonschema.validate(model, load(SCHEMA))


@pytest.mark.parametrize(
    ("extra", "status", "detail"),
    [
        pytest.param(
            [],
            "active",
            "verify read the account's agreements in AWS Artifact (artifact:ListCustomerAgreements) and reported no "
            "missing or inactive Business Associate Addendum: an active one covers the account or its organisation",
            id="active",
        ),
        pytest.param(
            [{**BAA_FINDING, "message": f"{BAA_MISSING} for account 123456789012 or its organisation, so no BAA"}],
            "missing",
            f"{BAA_MISSING} for account 123456789012 or its organisation, so no BAA",
            id="missing",
        ),
        pytest.param(
            [
                {
                    **BAA_FINDING,
                    "message": f"{BAA_INACTIVE}: AWS Business Associate Addendum (this account's, id b) is "
                    "CUSTOMER_TERMINATED; so no BAA",
                }
            ],
            "inactive",
            f"{BAA_INACTIVE}: AWS Business Associate Addendum (this account's, id b) is CUSTOMER_TERMINATED; so no BAA",
            id="inactive",
        ),
        pytest.param(
            [
                {
                    **BAA_FINDING,
                    "rule": "live-api-error",
                    "severity": "high",
                    "citations": ["164.308(a)(8)"],
                    "resource": {
                        "urn": "",
                        "type": "aws:account",
                        "name": "artifact:ListCustomerAgreements",
                        "id": "123456789012",
                    },
                    "message": "us-east-1: artifact:ListCustomerAgreements failed (404: Not yet implemented)",
                }
            ],
            "unread",
            "us-east-1: artifact:ListCustomerAgreements failed (404: Not yet implemented)",
            id="unread",
        ),
    ],
)
def test_with_verify_results_it_states_the_baa_as_verify_read_it(tmp_path, extra, status, detail):
    _, model, page = bundle(tmp_path, "--verify-results", str(verify_report(tmp_path, *extra)))
    agreement = model["business_associates"]["agreement"]
    assert (agreement["status"], agreement["detail"]) == (status, detail)
    assert agreement["findings"] == (["L0003"] if extra else [])
    if extra:
        assert '(<a href="#L0003" class="mono">L0003</a>)' in page and 'id="L0003"' in page
    assert ASK in page  # verify reads the status; the agreement's copy is asked for all the same
    jsonschema.validate(model, load(SCHEMA))


def test_an_attached_agreement_is_in_the_bundle_and_its_hash_in_the_signed_manifest(tmp_path):
    agreement = tmp_path / "AWS Business Associate Addendum.pdf"
    agreement.write_bytes(PDF)
    key = Ed25519PrivateKey.generate()
    pem = tmp_path / "org.pem"
    pem.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    public = tmp_path / "org.pub.pem"
    public.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    out, model, page = bundle(tmp_path, "--baa-agreement", str(agreement), "--sign-key", str(pem))
    digest = hashlib.sha256(PDF).hexdigest()
    recorded = {"file": str(agreement), "bundled_as": "baa-agreement.pdf", "sha256": digest, "bytes": len(PDF)}
    assert (out / "baa-agreement.pdf").read_bytes() == PDF
    manifest = load(out / "manifest.json")
    assert manifest["inputs"]["baa_agreement"] == recorded
    assert {"path": "baa-agreement.pdf", "sha256": digest, "bytes": len(PDF)} in manifest["files"]
    assert model["business_associates"]["attachment"] == recorded
    assert f'<span class="mono">{digest}</span>' in page and ASK not in page
    jsonschema.validate(model, load(SCHEMA))
    assert check_bundle(out, public_key=public).verified
    (out / "baa-agreement.pdf").write_bytes(PDF.replace(b"/Count 0", b"/Count 1"))
    assert check_bundle(out, public_key=public).problems == ["baa-agreement.pdf: SHA-256 differs from the manifest"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not a PDF (no %PDF- header)"),
        (b"<html>AWS Artifact</html>", "not a PDF (no %PDF- header)"),
        (None, "no such file"),
    ],
)
def test_an_agreement_that_is_not_a_pdf_is_refused_and_nothing_written(tmp_path, capsys, content, expected):
    agreement = tmp_path / "baa.pdf"
    if content is not None:
        agreement.write_bytes(content)
    code = run_cli(["evidence", "--state", str(STATE), "--out", str(tmp_path / "b"), "--baa-agreement", str(agreement)])
    assert code == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_evidence_verify_takes_no_baa_agreement(tmp_path, capsys):
    out, _, _ = bundle(tmp_path)
    assert run_cli(["evidence", "--baa-agreement", "x.pdf", "verify", str(out)]) == 2
    assert "evidence verify takes no --baa-agreement" in capsys.readouterr().err


@pytest.mark.slow
def test_a_sealed_test_stack_shows_its_uncovered_services_as_advice():
    """tests/programs/baa, stack sealed: scope sealed_test; Lightsail and CloudSearch hold data off the list."""
    state = preview_state("sealed", "baa")
    gate, recorder = run_gate(state)
    model = build_model(state, gate, recorder=recorder)
    section = model["business_associates"]
    assert section["scope"]["kind"] == "sealed_test"
    verdicts = {s["service"]: s["verdict"] for s in section["services"]}
    assert verdicts == {
        "Amazon CloudSearch": "not_covered",
        "Amazon Lightsail": "not_covered",
        "Amazon DynamoDB": "covered",
        "Amazon Simple Storage Service (Amazon S3)": "covered",
        "AWS Identity and Access Management (IAM)": "plumbing",
    }
    assert [s["service"] for s in section["services"]][:2] == ["Amazon CloudSearch", "Amazon Lightsail"]
    advice = {(f["rule"], f["enforcement"]) for f in gate["findings"] if f["rule"].startswith("baa-")}
    assert advice == {("baa-services-eligible-synthetic", "advisory")}
