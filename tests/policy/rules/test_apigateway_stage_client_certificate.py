import pytest

from pms_baseline_pack.rules.apigateway.apigateway_stage_client_certificate import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"stageName": "prod", "clientCertificateId": "abc123"}, [], id="pass-certificate"),
        pytest.param(
            {"stageName": "prod"},
            ["clientCertificateId is unset, so the backend cannot authenticate calls from this stage; set "
             "client_certificate_id to an aws.apigateway.ClientCertificate (164.312(e)(1))"],
            id="fail-unset",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
