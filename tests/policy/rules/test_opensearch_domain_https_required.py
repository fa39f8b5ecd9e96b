import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.opensearch.opensearch_domain_https_required import check as rule

FAIL = ["domainEndpointOptions.enforceHttps is false; set enforce_https=True with tls_security_policy "
        "\"Policy-Min-TLS-1-2-2019-07\" (164.312(e)(1))"]


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"domainEndpointOptions": {"enforceHttps": True}}, [], id="pass-enforced"),
    pytest.param({}, [], id="pass-unset-defaults-to-true"),
    pytest.param({"domainEndpointOptions": {"tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}}, [],
                 id="pass-field-unset"),
    pytest.param({"domainEndpointOptions": {"enforceHttps": UNKNOWN}}, [], id="pass-unknown"),
    pytest.param({"domainEndpointOptions": {"enforceHttps": False}}, FAIL, id="fail-false"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
