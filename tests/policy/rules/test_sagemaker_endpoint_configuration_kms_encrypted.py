import pytest

from pms_baseline_pack.rules.sagemaker.sagemaker_endpoint_configuration_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN

FIX = ("; set kms_key_arn to a customer-managed KMS key so the endpoint's storage volumes are encrypted with it "
       "(164.312(a)(2)(iv))")


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"kmsKeyArn": KEY_ARN}, [], id="pass-key"),
    pytest.param({"kmsKeyArn": ""}, ["kmsKeyArn is unset" + FIX], id="fail-empty"),
    pytest.param({"productionVariants": [{"variantName": "a"}]}, ["kmsKeyArn is unset" + FIX], id="fail-unset"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
