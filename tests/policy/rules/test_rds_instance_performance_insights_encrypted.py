import pytest

from pms_baseline_pack.rules.rds.rds_instance_performance_insights_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"performanceInsightsEnabled": True, "performanceInsightsKmsKeyId": KEY_ARN}, [], id="pass-cmk"
        ),
        pytest.param({"performanceInsightsEnabled": False}, [], id="pass-disabled"),
        pytest.param(
            {"performanceInsightsEnabled": True},
            [
                "performanceInsightsKmsKeyId is unset, so AWS uses its managed key; use PhiDatabase or set "
                "performance_insights_kms_key_id to the PHI data key (164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
        pytest.param(
            {
                "performanceInsightsEnabled": True,
                "performanceInsightsKmsKeyId": "arn:aws:kms:us-east-1:210987654321:alias/aws/rds",
            },
            [
                "performanceInsightsKmsKeyId is arn:aws:kms:us-east-1:210987654321:alias/aws/rds, an "
                "AWS-managed key; use PhiDatabase or set performance_insights_kms_key_id to the PHI data "
                "key (164.312(a)(2)(iv))"
            ],
            id="fail-aws-managed-alias-arn",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
