import pytest

from pms_baseline_pack.rules.rds.rds_instance_master_secret_encrypted import check as rule
from tests.policy.rules.builders import KEY_ID


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"manageMasterUserPassword": True, "masterUserSecretKmsKeyId": KEY_ID}, [], id="pass-key-id"
        ),
        pytest.param({"manageMasterUserPassword": False}, [], id="pass-not-managed"),
        pytest.param(
            {"manageMasterUserPassword": True},
            [
                "masterUserSecretKmsKeyId is unset, so AWS uses its managed key; use PhiDatabase or set "
                "master_user_secret_kms_key_id to the secrets key (164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"manageMasterUserPassword": True, "masterUserSecretKmsKeyId": "alias/aws/secretsmanager"},
            [
                "masterUserSecretKmsKeyId is alias/aws/secretsmanager, an AWS-managed key; use PhiDatabase "
                "or set master_user_secret_kms_key_id to the secrets key (164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
