import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.rds.rds_instance_storage_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"storageEncrypted": True, "kmsKeyId": KEY_ARN}, [], id="pass-encrypted-cmk"),
        pytest.param({"storageEncrypted": UNKNOWN}, [], id="pass-unknown"),
        pytest.param(
            {"storageEncrypted": False},
            [
                "storageEncrypted is false; use PhiDatabase or set storage_encrypted=True with the PHI "
                "data key (164.312(a)(2)(iv))"
            ],
            id="fail-unencrypted",
        ),
        pytest.param(
            {},
            [
                "storageEncrypted is unset; use PhiDatabase or set storage_encrypted=True with the PHI "
                "data key (164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"storageEncrypted": True},
            [
                "kmsKeyId is unset, so AWS uses its managed key; set kms_key_id to the PHI data key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed-default",
        ),
        pytest.param(
            {"storageEncrypted": True, "kmsKeyId": "alias/aws/rds"},
            [
                "kmsKeyId is alias/aws/rds, an AWS-managed key; set kms_key_id to the PHI data key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed-alias",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
