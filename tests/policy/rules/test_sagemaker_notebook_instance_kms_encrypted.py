import pytest

from pms_baseline_pack.rules.sagemaker.sagemaker_notebook_instance_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ID

FIX = ("; set kms_key_id to a customer-managed KMS key so the notebook's storage volume is encrypted with it "
       "(164.312(a)(2)(iv))")


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"kmsKeyId": KEY_ID}, [], id="pass-key"),
    pytest.param({"instanceType": "ml.t3.medium"}, ["kmsKeyId is unset" + FIX], id="fail-unset"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
