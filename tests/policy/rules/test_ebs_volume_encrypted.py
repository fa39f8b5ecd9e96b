import pytest

from pms_baseline_pack.rules.ec2.ebs_volume_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"encrypted": True, "kmsKeyId": KEY_ARN}, [], id="pass-cmk"),
        pytest.param(
            {"encrypted": False},
            [
                "encrypted is false; set encrypted=True with kms_key_id set to the PHI data key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-unencrypted",
        ),
        pytest.param(
            {},
            [
                "encrypted is unset; set encrypted=True with kms_key_id set to the PHI data key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"encrypted": True, "kmsKeyId": "alias/aws/ebs"},
            [
                "kmsKeyId is alias/aws/ebs, an AWS-managed key; set kms_key_id to the PHI data key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
