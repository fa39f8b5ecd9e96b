import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.elb_classic.classic_elb_acm_certificate import check as acm

ACM = "arn:aws:acm:us-east-1:210987654321:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"
IAM_CERT = "arn:aws:iam::210987654321:server-certificate/legacy"


def listener(proto, port, cert=None):
    out = {"instancePort": 8080, "instanceProtocol": "http", "lbPort": port, "lbProtocol": proto}
    return {**out, "sslCertificateId": cert} if cert else out


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"listeners": [listener("https", 443, ACM), listener("http", 80)]}, [], id="pass-acm-http-ignored"),
    pytest.param({"listeners": [listener("ssl", 443, UNKNOWN)]}, [], id="pass-unknown"),
    pytest.param({"listeners": [listener("https", 443, IAM_CERT)]}, [
        f"listener on port 443 has sslCertificateId {IAM_CERT}, not an ACM certificate; use an ACM certificate ARN "
        "so it is renewed before it expires (164.312(e)(1))"], id="fail-iam-server-certificate"),
])
def test_acm_certificate(props, expected):
    assert acm.run_resource(props) == expected
