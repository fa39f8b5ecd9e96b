import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.elb_classic.classic_elb_listeners_tls_only import check as tls_only

ACM = "arn:aws:acm:us-east-1:210987654321:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"
IAM_CERT = "arn:aws:iam::210987654321:server-certificate/legacy"


def listener(proto, port, cert=None):
    out = {"instancePort": 8080, "instanceProtocol": "http", "lbPort": port, "lbProtocol": proto}
    return {**out, "sslCertificateId": cert} if cert else out


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"listeners": [listener("https", 443, ACM), listener("ssl", 8443, ACM)]}, [], id="pass-https-ssl"),
    pytest.param({"listeners": [listener(UNKNOWN, 443)]}, [], id="pass-unknown"),
    pytest.param({"listeners": []}, [], id="pass-no-listeners-not-applicable"),
    pytest.param({"listeners": [listener("https", 443, ACM), listener("http", 80)]}, [
        "listener on port 80 has lbProtocol HTTP; use HTTPS or SSL with an ACM certificate so PHI is encrypted in "
        "transit (164.312(e)(1))"], id="fail-http"),
    pytest.param({"listeners": [listener("TCP", 5432)]}, [
        "listener on port 5432 has lbProtocol TCP; use HTTPS or SSL with an ACM certificate so PHI is encrypted in "
        "transit (164.312(e)(1))"], id="fail-tcp"),
])
def test_listeners_tls_only(props, expected):
    assert tls_only.run_resource(props) == expected
