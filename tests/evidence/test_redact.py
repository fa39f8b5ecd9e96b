"""Redaction: secret envelopes and credential-named properties become [secret]; settings and names stay."""

import json

import pytest

from pms_baseline.evidence.redact import REDACTED, Redactor, is_secret_name
from pms_baseline.loader import load_state
from tests.evidence.common import EXPORT_FILES, EXPORTS, SECRETS

SIG = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "masterPassword",
        "master_password",
        "MASTER-PASSWORD",
        "secretString",
        "secret_string",
        "secret",
        "authToken",
        "auth_token",
        "token",
        "privateKey",
        "private_key",
        "privateKeyPem",
        "sesSmtpPasswordV4",
        "secretKey",
        "accessKey",
        "apiKey",
        "api_key",
        "DB_PASSWD",
        "passphrase",
        "clientSecret",
        "credentials",
    ],
)
def test_credential_names_are_secret(name):
    assert is_secret_name(name) is True


@pytest.mark.parametrize(
    "name",
    [
        "username",
        "kmsKeyId",
        "keyId",
        "storageEncrypted",
        "publicKeyPem",
        "identifier",
        "engine",
        "policy",
        "bucket",
        "arn",
        "name",
        "value",
        "tags",
        # References to a secret, not its value: the evidence of which key encrypts it.
        "secretId",
        "secretArn",
        "secret_arn",
        "masterUserSecretKmsKeyId",
        "secretName",
        "secretStatus",
        "tokenIds",
    ],
)
def test_ordinary_names_are_not_secret(name):
    assert is_secret_name(name) is False


@pytest.mark.parametrize(
    "envelope",
    [
        {SIG: SECRET_SIG, "ciphertext": "v1:abcdefgh"},
        {SIG: SECRET_SIG, "plaintext": '"hunter2-plain"'},
        {SIG: SECRET_SIG, "plaintext": '{"username": "u", "password": "hunter2-json"}'},
        {SIG: SECRET_SIG, "value": "hunter2-value"},
    ],
    ids=["ciphertext", "plaintext", "plaintext-json", "value"],
)
def test_envelopes_under_any_name_are_redacted(envelope):
    redactor = Redactor()
    assert redactor.properties({"description": envelope, "nested": {"list": [envelope]}}) == {
        "description": REDACTED,
        "nested": {"list": [REDACTED]},
    }


def test_plaintext_of_envelopes_is_remembered_for_the_sweep():
    redactor = Redactor()
    redactor.properties(
        {"x": {SIG: SECRET_SIG, "plaintext": '{"username": "u", "password": "hunter2-json"}'}}
    )
    assert "hunter2-json" in redactor.hidden
    assert redactor.sweep("found hunter2-json in the message") == "found [secret] in the message"


def test_credential_named_strings_and_containers_are_redacted_but_settings_stay():
    redactor = Redactor()
    out = redactor.properties(
        {
            "password": "plain-pw-1234",
            "masterUserSecrets": [{"secretArn": "arn:x"}],
            "authToken": {"a": "b"},
            "manageMasterUserPassword": True,
            "minimumPasswordLength": 14,
            "passwordReusePrevention": None,
            "username": "admin",
        }
    )
    assert out == {
        "password": REDACTED,
        "masterUserSecrets": REDACTED,
        "authToken": REDACTED,
        "manageMasterUserPassword": True,
        "minimumPasswordLength": 14,
        "passwordReusePrevention": None,
        "username": "admin",
    }


def test_name_value_pairs_and_embedded_json_are_redacted_inside():
    redactor = Redactor()
    defs = json.dumps(
        [
            {
                "name": "app",
                "environment": [
                    {"name": "DB_HOST", "value": "db.internal"},
                    {"name": "DB_PASSWORD", "value": "env-pw-5678"},
                ],
            }
        ]
    )
    out = redactor.properties({"containerDefinitions": defs})
    assert json.loads(out["containerDefinitions"]) == [
        {
            "name": "app",
            "environment": [
                {"name": "DB_HOST", "value": "db.internal"},
                {"name": "DB_PASSWORD", "value": REDACTED},
            ],
        }
    ]


def test_bookkeeping_unknowns_and_resource_references():
    redactor = Redactor()
    out = redactor.properties(
        {
            "__defaults": ["a"],
            "tags": {"__defaults": [], "k": "v"},
            "endpoint": "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            "ref": {SIG: "5cf8f73096256a8f31e491e813e4eb8b", "urn": "urn:pulumi:a::b::t::n", "id": "i-123"},
        }
    )
    assert out == {"tags": {"k": "v"}, "endpoint": "[unknown]", "ref": "i-123"}


def test_sweep_hides_the_longest_secret_whole():
    redactor = Redactor()
    redactor.properties({"password": "abcdefgh", "token": "abcdefghijkl"})
    assert redactor.sweep("x abcdefghijkl y abcdefgh") == "x [secret] y [secret]"


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_no_planted_secret_survives_redaction_of_any_resource(name):
    path = EXPORTS / name
    raw = path.read_text()
    planted = [s for s in SECRETS if s in raw]
    assert len(planted) >= 6, "the fixture must carry the secrets this test looks for"
    doc = load_state(path)
    redactor = Redactor()
    redacted = [
        {"in": redactor.properties(r.raw.get("inputs")), "out": redactor.properties(r.raw.get("outputs"))}
        for r in doc.resources
    ]
    text = json.dumps(redacted)
    assert [s for s in planted if s in text] == []
    # What is not secret is still there to serve as evidence.
    for kept in (
        '"LOG_LEVEL": "info"',
        '"DB_HOST',
        '"storageEncrypted": true',
        '"username": "pms_admin"',
        '"region": "us-east-1"',
        "BEGIN PUBLIC KEY",
    ):
        assert kept in text


@pytest.mark.parametrize("count", [3, 40], ids=["few-secrets", "many-secrets"])
def test_sweep_finds_every_secret_wherever_it_sits_however_many_there_are(count):
    """With many hidden values a text is first checked for their beginnings; what is swept is the same."""
    redactor = Redactor()
    secrets = [f"tok{i:03d}-{'x' * (i % 5)}zz" for i in range(count)]
    redactor.properties({f"apiToken{i}": s for i, s in enumerate(secrets)})
    for s in secrets:
        assert redactor.sweep(s) == "[secret]"
        assert redactor.sweep(f"begin {s}") == "begin [secret]"
        assert redactor.sweep(f"{s} end.") == "[secret] end."
    assert redactor.sweep(f"a {secrets[-1]}{secrets[0]} b") == "a [secret][secret] b"
    clean = "no secret here, only tok99 and a zz of tok"
    assert redactor.sweep(clean) == clean
