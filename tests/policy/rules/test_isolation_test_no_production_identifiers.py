import json

import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.isolation.isolation_test_no_production_identifiers import check as rule
from tests.policy.rules.builders import res, urn

TEST_ACCOUNT = "410987654321"
PROD_ACCOUNT = "210987654321"
TAGS = {"environment": "test"}
KEY_ARN = f"arn:aws:kms:us-east-1:{TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
PROD_KEY = f"arn:aws:kms:us-east-1:{PROD_ACCOUNT}:key/9999abcd-12ab-34cd-56ef-1234567890ab"


def key(policy_principal):
    policy = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": policy_principal}, "Action": "kms:*"}]}
    return res(t.KMS_KEY, "pms-test-key", arn=KEY_ARN, policy=json.dumps(policy), tags=TAGS)


SEALED = [
    key(f"arn:aws:iam::{TEST_ACCOUNT}:root"),
    res(
        t.IAM_ROLE,
        "pms-config-role",
        arn=f"arn:aws:iam::{TEST_ACCOUNT}:role/pms-config",
        managedPolicyArns=["arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"],
        tags=TAGS,
    ),
    res(t.VPC, "pms-vpc", arn=f"arn:aws:ec2:us-east-1:{TEST_ACCOUNT}:vpc/vpc-0a1b", tags=TAGS),
]


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param(SEALED, {}, [], id="pass-own-account-only"),
        pytest.param(
            [
                *SEALED,
                res(
                    t.IAM_POLICY,
                    "pms-boundary",
                    arn=f"arn:aws:iam::{TEST_ACCOUNT}:policy/pms-boundary",
                    policy=json.dumps(
                        {"Statement": [{"Effect": "Deny", "Action": "kms:*", "Resource": PROD_KEY}]}
                    ),
                    tags=TAGS,
                ),
            ],
            {"productionIdentifiers": [PROD_KEY]},
            [],
            id="pass-named-in-deny-statement",
        ),
        pytest.param(
            [res(t.KMS_KEY, "k", policy=f'"{PROD_KEY}"', tags={"environment": "prod"})],
            {"productionIdentifiers": [PROD_ACCOUNT]},
            [],
            id="pass-not-a-test-stack",
        ),
        pytest.param(
            [key(f"arn:aws:iam::{PROD_ACCOUNT}:root")],
            {"allowedAccountIds": [PROD_ACCOUNT]},
            [],
            id="pass-allowed-account",
        ),
        pytest.param(
            [*SEALED, res(t.RDS_INSTANCE, "pms-db", kmsKeyId=PROD_KEY, tags=TAGS)],
            {},
            [
                Violation(
                    f"Instance pms-db property kmsKeyId names account {PROD_ACCOUNT} ({PROD_KEY}), not this "
                    f"stack's account {TEST_ACCOUNT}; a test stack must not reference other accounts, or "
                    "list the account in allowedAccountIds (164.308(a)(4)(ii)(A))",
                    urn(t.RDS_INSTANCE, "pms-db"),
                )
            ],
            id="fail-foreign-account-arn",
        ),
        pytest.param(
            [*SEALED, res(t.RDS_INSTANCE, "pms-db", vpcSecurityGroupIds=["sg-prod01"], tags=TAGS)],
            {"productionIdentifiers": ["sg-prod01", ""]},
            [
                Violation(
                    "Instance pms-db property vpcSecurityGroupIds[0] contains production identifier "
                    "sg-prod01; a test stack must not reference production accounts, keys, snapshots or "
                    "VPCs (164.308(a)(4)(ii)(A))",
                    urn(t.RDS_INSTANCE, "pms-db"),
                )
            ],
            id="fail-configured-identifier",
        ),
        pytest.param(
            [key(f"arn:aws:iam::{PROD_ACCOUNT}:root")],
            {"productionIdentifiers": [PROD_ACCOUNT]},
            [
                Violation(
                    "Key pms-test-key property policy.Statement[0].Principal.AWS contains production "
                    f"identifier {PROD_ACCOUNT}; a test stack must not reference production accounts, keys, "
                    "snapshots or VPCs (164.308(a)(4)(ii)(A))",
                    urn(t.KMS_KEY, "pms-test-key"),
                ),
            ],
            id="fail-prod-principal-reported-once",
        ),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected
