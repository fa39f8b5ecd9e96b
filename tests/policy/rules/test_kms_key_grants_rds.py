import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_rds import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, ROOT, allow, key

DB = res(
    t.RDS_INSTANCE,
    "db",
    identifier="db",
    arn=f"arn:aws:rds:us-east-1:{ACCOUNT}:db:db",
    resourceId="db-ABC",
    kmsKeyId=KEY_ARN,
    performanceInsightsKmsKeyId=KEY_ARN,
)
VIA = {"kms:ViaService": "rds.us-east-1.amazonaws.com"}


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [
                DB,
                key(
                    allow(
                        ROOT,
                        ["kms:CreateGrant", "kms:DescribeKey", "kms:Decrypt", "kms:GenerateDataKey*"],
                        StringEquals=VIA,
                    )
                ),
            ],
            [],
            id="pass-via-rds",
        ),
        pytest.param(
            [
                DB,
                key(
                    allow(ROOT, ["kms:CreateGrant", "kms:DescribeKey"], StringEquals=VIA),
                    allow(
                        ROOT,
                        ["kms:Decrypt", "kms:GenerateDataKey"],
                        StringEquals=VIA,
                        **{"ForAnyValue:StringEquals": {"kms:EncryptionContext:service": "pi"}},
                    ),
                ),
            ],
            [],
            id="pass-performance-insights-context",
        ),
        pytest.param(
            [DB, key(allow(ROOT, ["kms:CreateGrant", "kms:DescribeKey"], StringEquals=VIA))],
            [
                Violation(
                    (
                        "database db uses key audit-key (1234abcd-12ab-34cd-56ef-1234567890ab) for "
                        "Performance Insights (performanceInsightsKmsKeyId), whose policy does not "
                        "let the account kms:Decrypt, kms:GenerateDataKey through "
                        "rds.us-east-1.amazonaws.com, so RDS refuses the instance; allow those "
                        "actions to the account with kms:ViaService rds.us-east-1.amazonaws.com"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-storage-only",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
