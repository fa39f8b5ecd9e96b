import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_backup_vault import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, ROOT, allow, key

VAULT = res(
    t.BACKUP_VAULT,
    "vault",
    name="vault",
    arn=f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:vault",
    kmsKeyArn=KEY_ARN,
)
FIVE = ["kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant", "kms:Decrypt", "kms:GenerateDataKey"]


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [VAULT, key(allow(ROOT, FIVE, StringEquals={"kms:ViaService": "backup.us-east-1.amazonaws.com"}))],
            [],
            id="pass-via-backup",
        ),
        pytest.param([VAULT, res(t.KMS_KEY, "audit-key", arn=KEY_ARN)], [], id="pass-default-key-policy"),
        pytest.param(
            [
                VAULT,
                key(
                    allow(ROOT, FIVE[:2] + FIVE[3:], StringEquals={"kms:ViaService": "backup.us-east-1.amazonaws.com"})
                ),
            ],
            [
                Violation(
                    (
                        "vault vault is encrypted with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let the "
                        "account kms:RetireGrant through backup.us-east-1.amazonaws.com, so AWS "
                        "Backup refuses to create the vault; allow those actions to the account "
                        "with kms:ViaService backup.us-east-1.amazonaws.com"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-no-retire-grant",
        ),
        pytest.param(
            [VAULT, key(allow(ROOT, FIVE, StringEquals={"kms:ViaService": "rds.us-east-1.amazonaws.com"}))],
            [
                Violation(
                    (
                        "vault vault is encrypted with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let the "
                        "account kms:CreateGrant, kms:DescribeKey, kms:RetireGrant, kms:Decrypt, "
                        "kms:GenerateDataKey through backup.us-east-1.amazonaws.com, so AWS Backup "
                        "refuses to create the vault; allow those actions to the account with "
                        "kms:ViaService backup.us-east-1.amazonaws.com"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-other-service",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
