"""ACM certificates expiring within 90 days or expired, and Security Hub enabled in every verified region."""

import datetime as dt

import boto3
import moto
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from pms_baseline.live.runner import verify
from tests.live.access_analyzer_answers import answer_analyzers
from tests.live.artifact import answer_agreements
from tests.live.organisation import enable_security_hub

pytestmark = pytest.mark.moto

REGION = "us-east-1"
RULES = {"acm-certificate-not-expiring", "securityhub-enabled", "live-api-error", "live-api-access-denied"}


@pytest.fixture
def session():
    with moto.mock_aws():
        s = boto3.Session(region_name=REGION)
        answer_agreements(s)  # moto has no AWS Artifact (tests/live/artifact.py)
        answer_analyzers(s, [])  # nor IAM Access Analyzer: a new account has no analyzer
        yield s


def found(session, regions=(REGION,)):
    return [(f.rule, f.resource.name, f.message) for f in verify(session=session, regions=list(regions)).findings
            if f.rule in RULES]


def certificate(domain, days_left, *, curve=False):
    """A self-signed certificate for ``domain`` that expires ``days_left`` days from now, and its key (PEM)."""
    key = ec.generate_private_key(ec.SECP256R1()) if curve else rsa.generate_private_key(65537, 2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=400))
            .not_valid_after(now + dt.timedelta(days=days_left, hours=12))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .sign(key, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


def imported(session, domain, days_left, **kwargs):
    cert, key = certificate(domain, days_left, **kwargs)
    return session.client("acm", region_name=REGION).import_certificate(Certificate=cert, PrivateKey=key)[
        "CertificateArn"]


def test_security_hub_enabled_and_certificates_far_from_expiry_pass(session):
    enable_security_hub(session)
    imported(session, "portal.clinic.example", 200)
    imported(session, "api.clinic.example", 91, curve=True)
    assert found(session) == []


def test_security_hub_not_enabled(session):
    assert found(session) == [
        ("securityhub-enabled", "securityhub-us-east-1",
         "us-east-1: Security Hub is not enabled, so no one sees the account's security findings in one place; "
         "enable it (aws securityhub enable-security-hub) or have the organisation enable it (164.308(a)(1)(ii)(D))"),
    ]


def test_security_hub_is_judged_per_region(session):
    enable_security_hub(session)
    assert [(r, n) for r, n, _ in found(session, (REGION, "eu-west-1"))] == [
        ("securityhub-enabled", "securityhub-eu-west-1")
    ]


def test_security_hub_disabled_again(session):
    enable_security_hub(session)
    session.client("securityhub", region_name=REGION).disable_security_hub()
    assert [r for r, _, _ in found(session)] == ["securityhub-enabled"]


def test_certificate_expiring_within_90_days(session):
    enable_security_hub(session)
    rsa_arn = imported(session, "portal.clinic.example", 30)
    ec_arn = imported(session, "ec.clinic.example", 89, curve=True)
    assert sorted(found(session)) == [
        ("acm-certificate-not-expiring", "ec.clinic.example",
         f"us-east-1: imported certificate ec.clinic.example ({ec_arn}) expires in 89 days, within 90; renew it "
         "(164.312(e)(1))"),
        ("acm-certificate-not-expiring", "portal.clinic.example",
         f"us-east-1: imported certificate portal.clinic.example ({rsa_arn}) expires in 30 days, within 90; renew it "
         "(164.312(e)(1))"),
    ]


def test_expired_certificate(session, monkeypatch):
    """ACM refuses to import an expired certificate: one that expires in 2 days is judged 5 days from now."""
    from pms_baseline.live import acm

    enable_security_hub(session)
    arn = imported(session, "old.clinic.example", 2)
    at = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=5)
    monkeypatch.setattr(acm, "now", lambda: at)
    (finding,) = [f for f in verify(session=session, regions=[REGION]).findings if f.rule in RULES]
    assert finding.message == (
        f"us-east-1: imported certificate old.clinic.example ({arn}) has expired; renew or replace it (164.312(e)(1))"
    )
    assert finding.aws_config_rules == ("acm-certificate-expiration-check",)
    assert finding.resource.id == arn
