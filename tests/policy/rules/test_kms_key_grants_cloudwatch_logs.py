import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_cloudwatch_logs import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, allow, key

LOGS = {"Service": "logs.us-east-1.amazonaws.com"}
GROUP = res(
    t.LOG_GROUP, "app-logs", name="app", arn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:app", kmsKeyId=KEY_ARN
)
ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"]


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [
                GROUP,
                key(
                    allow(
                        LOGS,
                        ACTIONS,
                        ArnLike={"kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:*"},
                    )
                ),
            ],
            [],
            id="pass-encryption-context",
        ),
        pytest.param(
            [
                GROUP,
                key(
                    allow(
                        LOGS,
                        ACTIONS,
                        ArnEquals={
                            "kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:other"
                        },
                    )
                ),
            ],
            [
                Violation(
                    (
                        "log group app is encrypted with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let "
                        "logs.us-east-1.amazonaws.com kms:Encrypt, kms:Decrypt, "
                        "kms:GenerateDataKey with encryption context aws:logs:arn "
                        "arn:aws:logs:us-east-1:210987654321:log-group:app, so CloudWatch Logs "
                        "refuses to associate the key; allow that service principal those actions "
                        "in the key policy with ArnLike kms:EncryptionContext:aws:logs:arn"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-other-log-group",
        ),
        pytest.param(
            [GROUP, key(allow({"Service": "logs.amazonaws.com"}, ACTIONS))],
            [
                Violation(
                    (
                        "log group app is encrypted with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let "
                        "logs.us-east-1.amazonaws.com kms:Encrypt, kms:Decrypt, "
                        "kms:GenerateDataKey with encryption context aws:logs:arn "
                        "arn:aws:logs:us-east-1:210987654321:log-group:app, so CloudWatch Logs "
                        "refuses to associate the key; allow that service principal those actions "
                        "in the key policy with ArnLike kms:EncryptionContext:aws:logs:arn"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-global-logs-principal",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
