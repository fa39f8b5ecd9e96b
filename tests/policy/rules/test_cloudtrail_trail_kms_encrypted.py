import pytest

from pms_baseline.state import SECRET
from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"kmsKeyId": KEY_ARN}, [], id="pass-cmk"),
        pytest.param({"kmsKeyId": SECRET}, [], id="pass-opaque"),
        pytest.param(
            {},
            [
                "kmsKeyId is unset, so log files get only S3-managed encryption; use AuditTrail or set "
                "kms_key_id to the audit-logs key (164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"kmsKeyId": "alias/aws/cloudtrail"},
            [
                "kmsKeyId is alias/aws/cloudtrail, an AWS-managed key; use AuditTrail or set kms_key_id to "
                "the audit-logs key (164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
