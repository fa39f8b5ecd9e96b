import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_sns_publishers import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, ROOT, allow, key

TOPIC_ARN = f"arn:aws:sns:us-east-1:{ACCOUNT}:alerts"
TOPIC = res(t.SNS_TOPIC, "alerts", name="alerts", arn=TOPIC_ARN, kmsMasterKeyId=KEY_ARN)
ALARM = res(
    t.METRIC_ALARM,
    "root-use",
    name="root-use",
    arn=f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:root-use",
    alarmActions=[TOPIC_ARN],
)
TARGET = res(t.EVENT_TARGET, "findings", rule="findings", arn=TOPIC_ARN)
PUBLISH = ["kms:Decrypt", "kms:GenerateDataKey*"]


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [
                TOPIC,
                ALARM,
                TARGET,
                key(allow({"Service": ["cloudwatch.amazonaws.com", "events.amazonaws.com"]}, PUBLISH)),
            ],
            [],
            id="pass-both-publishers",
        ),
        pytest.param([TOPIC, key(allow(ROOT, "kms:*"))], [], id="pass-no-publisher"),
        pytest.param(
            [TOPIC, ALARM, key(allow(ROOT, "kms:*"))],
            [
                Violation(
                    (
                        "alarm root-use publishes to topic alerts, whose key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab) does not let "
                        "cloudwatch.amazonaws.com kms:Decrypt, kms:GenerateDataKey, so SNS drops "
                        "every message it publishes; allow cloudwatch.amazonaws.com kms:Decrypt "
                        "and kms:GenerateDataKey* in the key policy"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-alarm",
        ),
        pytest.param(
            [
                TOPIC,
                TARGET,
                key(allow({"Service": "events.amazonaws.com"}, PUBLISH, StringEquals={"aws:SourceAccount": ACCOUNT})),
            ],
            [
                Violation(
                    (
                        "EventBridge target findings publishes to topic alerts, whose key "
                        "audit-key (1234abcd-12ab-34cd-56ef-1234567890ab) does not let "
                        "events.amazonaws.com kms:Decrypt, kms:GenerateDataKey, so SNS drops every "
                        "message it publishes; allow events.amazonaws.com kms:Decrypt and "
                        "kms:GenerateDataKey* in the key policy"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-eventbridge-with-source-condition",
        ),
        pytest.param(
            [res(t.SNS_TOPIC, "alerts", name="alerts", arn=TOPIC_ARN, kmsMasterKeyId="alias/aws/sns"), ALARM],
            [
                Violation(
                    (
                        "topic alerts is encrypted with the AWS managed key alias/aws/sns, whose "
                        "policy cannot grant cloudwatch.amazonaws.com, so their notifications are "
                        "dropped; encrypt the topic with a customer-managed key that allows them "
                        "kms:Decrypt and kms:GenerateDataKey*"
                    ),
                    urn("aws:sns/topic:Topic", "alerts"),
                ),
            ],
            id="fail-aws-managed-key",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
