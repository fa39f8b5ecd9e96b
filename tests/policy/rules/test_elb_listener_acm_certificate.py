import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.elb.elb_listener_acm_certificate import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"protocol": "HTTPS", "certificateArn": "arn:aws:acm:us-east-1:210987654321:certificate/abc"},
            [],
            id="pass-acm",
        ),
        pytest.param({"protocol": "HTTPS", "certificateArn": UNKNOWN}, [], id="pass-unknown"),
        pytest.param({"protocol": "HTTP"}, [], id="pass-http-redirect-listener"),
        pytest.param(
            {"protocol": "HTTPS", "certificateArn": "arn:aws:iam::210987654321:server-certificate/pms"},
            [
                "certificateArn is arn:aws:iam::210987654321:server-certificate/pms, not an ACM "
                "certificate; use the Edge component with an ACM certificate ARN so the certificate is "
                "renewed before it expires (164.312(e)(1))"
            ],
            id="fail-iam-certificate",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
