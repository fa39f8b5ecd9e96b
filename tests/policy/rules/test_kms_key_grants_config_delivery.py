import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_config_delivery import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, allow, key

ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/config-role"
RECORDER = res(t.CONFIG_RECORDER, "recorder", name="recorder", roleArn=ROLE_ARN)
CHANNEL = res(t.CONFIG_DELIVERY_CHANNEL, "delivery", name="delivery", s3BucketName="config-logs", s3KmsKeyArn=KEY_ARN)
USE = ["kms:Decrypt", "kms:GenerateDataKey"]


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([RECORDER, CHANNEL, key(allow({"AWS": ROLE_ARN}, USE))], [], id="pass-role-named"),
        pytest.param(
            [
                res(
                    t.CONFIG_RECORDER,
                    "recorder",
                    roleArn=f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                ),
                CHANNEL,
                key(allow({"Service": "config.amazonaws.com"}, USE, StringEquals={"aws:SourceAccount": ACCOUNT})),
            ],
            [],
            id="pass-service-linked-role",
        ),
        pytest.param(
            [RECORDER, CHANNEL, key(allow({"Service": "config.amazonaws.com"}, USE))],
            [
                Violation(
                    (
                        "delivery channel delivery delivers objects encrypted with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let role "
                        "arn:aws:iam::210987654321:role/config-role kms:Decrypt, "
                        "kms:GenerateDataKey, so AWS Config cannot deliver; allow role "
                        "arn:aws:iam::210987654321:role/config-role kms:Decrypt and "
                        "kms:GenerateDataKey in the key policy"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-service-statement-with-own-role",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
