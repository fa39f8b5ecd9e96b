"""Evidence from offline previews: a program with secrets in every form, judged by the gate itself."""

import json

import pulumi
import pulumi_aws as aws
import pytest

from pms_baseline.evidence import verify_bundle
from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from pms_baseline_pack.reference import citations
from tests.evidence.common import bundle_texts, load, run_cli
from tests.evidence.test_bundle import expected_status

PREVIEW_SECRETS = (
    "preview-rds-secret-pw-31",  # password through pulumi.Output.secret
    "preview-plain-token-62",  # a Lambda environment variable named like a token, plain in the state
    "preview-secret-string-93",  # a SecretVersion's secret_string (the provider's schema seals it)
    "preview-api-token-24",  # a secret stack output
)


def clinic():
    key = aws.kms.Key("phi-key", enable_key_rotation=True, deletion_window_in_days=30)
    aws.rds.Instance(
        "phi-db", engine="postgres", instance_class="db.t4g.micro", allocated_storage=20, username="pms",
        password=pulumi.Output.secret(PREVIEW_SECRETS[0]), storage_encrypted=True, kms_key_id=key.arn,
        backup_retention_period=35, publicly_accessible=False,
    )  # fmt: skip
    aws.rds.Instance(
        "legacy-db", engine="postgres", instance_class="db.t4g.micro", allocated_storage=20, username="pms",
        password="legacy-db-pw", storage_encrypted=False, publicly_accessible=True,
    )  # fmt: skip
    aws.lambda_.Function(
        "reminders", runtime="python3.12", handler="app.handler", role="arn:aws:iam::123456789012:role/r",
        code=pulumi.AssetArchive({}), environment={"variables": {"SMS_API_TOKEN": PREVIEW_SECRETS[1]}},
    )  # fmt: skip
    secret = aws.secretsmanager.Secret("app-credentials", kms_key_id=key.arn)
    aws.secretsmanager.SecretVersion(
        "app-credentials-v1", secret_id=secret.id, secret_string=PREVIEW_SECRETS[2]
    )
    pulumi.export("apiToken", pulumi.Output.secret(PREVIEW_SECRETS[3]))
    pulumi.export("keyArn", key.arn)


@pytest.fixture(scope="module")
def state_file(tmp_path_factory):
    doc = preview_function(clinic, stack="prod", project="pms-baseline")
    path = tmp_path_factory.mktemp("preview") / "prod.json"
    path.write_text(json.dumps(doc, indent=2))
    return path


@pytest.fixture(scope="module")
def bundle(state_file):
    out = state_file.parent / "bundle"
    assert run_cli(["evidence", "--state", str(state_file), "--out", str(out)]) == 0
    return out


def test_the_preview_carries_the_plain_secrets_the_bundle_must_hide(state_file):
    text = state_file.read_text()
    # A preview seals what the program or the provider's schema marks secret and keeps the rest plain, as an
    # export does: the token in the function's environment is there to be hidden.
    assert [s for s in PREVIEW_SECRETS if s in text] == [PREVIEW_SECRETS[1]]


def test_no_secret_of_the_preview_is_in_the_bundle(bundle):
    leaks = {name: [s for s in PREVIEW_SECRETS if s in text] for name, text in bundle_texts(bundle).items()}
    assert leaks == {"evidence.json": [], "evidence.schema.json": [], "index.html": [], "manifest.json": []}


def test_the_gate_ran_on_the_preview_and_its_findings_drive_the_matrix(bundle, state_file):
    model = load(bundle / "evidence.json")
    findings = model["gate"]["findings"]
    assert model["gate"]["source"] == "gate"
    failing = {(f["rule"], f["resource"]["name"]) for f in findings}
    assert ("rds-instance-storage-encrypted", "legacy-db") in failing
    assert ("rds-instance-not-publicly-accessible", "legacy-db") in failing
    assert ("rds-instance-storage-encrypted", "phi-db") not in failing
    assert model["summary"]["gate_passed"] is False
    state = parse_document(json.loads(state_file.read_text()))
    for cite in citations().values():
        row = next(c for c in model["controls"] if c["citation"] == cite.citation)
        assert row["status"] == expected_status(cite, state, findings), cite.citation
    assert verify_bundle(bundle, state_file) == []
