import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.sns.sns_topic_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"kmsMasterKeyId": KEY_ARN}, [], id="pass-cmk"),
        pytest.param({"kmsMasterKeyId": UNKNOWN}, [], id="pass-unknown"),
        pytest.param(
            {},
            [
                "kmsMasterKeyId is unset, so AWS uses its managed key; set kms_master_key_id to a "
                "customer-managed key (164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {"kmsMasterKeyId": "alias/aws/sns"},
            [
                "kmsMasterKeyId is alias/aws/sns, an AWS-managed key; set kms_master_key_id to a "
                "customer-managed key (164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
