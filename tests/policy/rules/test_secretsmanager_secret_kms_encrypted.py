import pytest

from pms_baseline_pack.rules.secretsmanager.secretsmanager_secret_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"kmsKeyId": KEY_ARN}, [], id="pass-cmk"),
        pytest.param({"kmsKeyId": "alias/pms-secrets"}, [], id="pass-customer-alias"),
        pytest.param(
            {},
            [
                "kmsKeyId is unset, so AWS uses its managed key; set kms_key_id to the secrets key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"kmsKeyId": "alias/aws/secretsmanager"},
            [
                "kmsKeyId is alias/aws/secretsmanager, an AWS-managed key; set kms_key_id to the secrets "
                "key (164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
