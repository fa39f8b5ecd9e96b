import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.elb.elb_listener_tls_only import check as rule

CERT = "arn:aws:acm:us-east-1:210987654321:certificate/abc"
REDIRECT = {"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}


def https(policy):
    return {"protocol": "HTTPS", "port": 443, "sslPolicy": policy, "certificateArn": CERT}


def weak(policy):
    return (
        f"sslPolicy is {policy}, which allows TLS before 1.2; use the Edge component or set "
        "ssl_policy=ELBSecurityPolicy-TLS13-1-2-2021-06 (164.312(e)(1))"
    )


def http_fail(what):
    return (
        f"protocol is HTTP and a default action is {what}, not a redirect to HTTPS; use the Edge component "
        "or make the HTTP listener's only default action a redirect with protocol=HTTPS (164.312(e)(1))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(https("ELBSecurityPolicy-TLS13-1-2-2021-06"), [], id="pass-tls13"),
        pytest.param(https("ELBSecurityPolicy-TLS-1-2-Ext-2018-06"), [], id="pass-tls12"),
        pytest.param(https("ELBSecurityPolicy-FS-1-2-Res-2020-10"), [], id="pass-fs12"),
        pytest.param(https(UNKNOWN), [], id="pass-unknown-policy"),
        pytest.param(
            {"protocol": "HTTP", "port": 80, "defaultActions": [REDIRECT]}, [], id="pass-http-redirect"
        ),
        pytest.param(
            {"protocol": "HTTP", "defaultActions": [{**REDIRECT, "redirect": [REDIRECT["redirect"]]}]},
            [],
            id="pass-redirect-as-list",
        ),
        pytest.param(
            https("ELBSecurityPolicy-2016-08"), [weak("ELBSecurityPolicy-2016-08")], id="fail-tls10-policy"
        ),
        pytest.param(https(None), [weak("unset")], id="fail-policy-unset"),
        pytest.param(
            https("ELBSecurityPolicy-TLS13-1-0-2021-06"), [weak("ELBSecurityPolicy-TLS13-1-0-2021-06")],
            id="fail-tls13-family-admitting-tls10",
        ),
        pytest.param(
            {"protocol": "HTTP", "defaultActions": [{"type": "forward", "targetGroupArn": "arn:tg"}]},
            [http_fail("forward")],
            id="fail-http-forward",
        ),
        pytest.param(
            {"protocol": "HTTP", "defaultActions": [{"type": "redirect", "redirect": {"protocol": "HTTP"}}]},
            [http_fail("redirect to HTTP")],
            id="fail-redirect-to-http",
        ),
        pytest.param({}, [http_fail("unset")], id="fail-defaults-to-http"),
        pytest.param(
            {"protocol": "TCP", "port": 5432},
            [
                "protocol is TCP, which carries traffic unencrypted; use HTTPS with a TLS 1.2+ policy "
                "(164.312(e)(1))"
            ],
            id="fail-tcp",
        ),
        pytest.param(https("ELBSecurityPolicy-TLS-1-2-2017-01"), [], id="pass-tls12-2017"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_allowed_prefixes_are_tunable():
    assert rule.run_resource(
        https("ELBSecurityPolicy-TLS-1-2-2017-01"), {"allowedPolicyPrefixes": ["ELBSecurityPolicy-TLS13-1-2-"]}
    ) == [weak("ELBSecurityPolicy-TLS-1-2-2017-01")]
