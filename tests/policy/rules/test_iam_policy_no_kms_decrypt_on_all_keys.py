import json

import pytest

from pms_baseline_pack.rules.iam.iam_policy_no_kms_decrypt_on_all_keys import check as rule
from tests.policy.rules.builders import KEY_ARN


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def fail(where, label, actions):
    return (
        f"{where} statement {label} allows {actions} on every KMS key; name the keys in Resource so PHI keys "
        "are not usable by default (164.312(a)(2)(iv))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"policy": doc({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": KEY_ARN})},
            [],
            id="pass-named-key",
        ),
        pytest.param(
            {"policy": doc({"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*"})},
            [],
            id="pass-not-blocked",
        ),
        pytest.param(
            {"policy": doc({"Sid": "D", "Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "*"})},
            [fail("policy", "D", "kms:Decrypt")],
            id="fail-decrypt-everywhere",
        ),
        pytest.param(
            {
                "inlinePolicies": [
                    {
                        "name": "keys",
                        "policy": doc(
                            {
                                "Effect": "Allow",
                                "Action": "kms:*",
                                "Resource": "arn:aws:kms:us-east-1:1:key/*",
                            }
                        ),
                    }
                ]
            },
            [fail("inlinePolicies[keys]", "0", "kms:*")],
            id="fail-wildcard-inline",
        ),
        pytest.param(
            {"policy": doc({"Effect": "Allow", "Action": "kms:ReEncrypt*", "Resource": "*"})},
            [fail("policy", "0", "kms:ReEncrypt*")],
            id="fail-reencrypt-pattern",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
