import json

import pytest

from pms_baseline.state import SECRET
from pms_baseline_pack.rules.kms.kms_key_policy_no_wildcard_principal import check as rule


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ROOT = {
    "Sid": "Root",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
    "Action": "kms:*",
    "Resource": "*",
}
LOGS = {
    "Sid": "Logs",
    "Effect": "Allow",
    "Principal": {"Service": "logs.us-east-1.amazonaws.com"},
    "Action": ["kms:Encrypt*", "kms:Decrypt*"],
    "Resource": "*",
}
FIX = "; name the account root, roles or service principals that need the key instead (164.312(a)(1))"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"policy": policy(ROOT, LOGS)}, [], id="pass-named-principals"),
        pytest.param({"policy": {"Statement": [ROOT]}}, [], id="pass-policy-as-object"),
        pytest.param({}, [], id="pass-unset-default-policy"),
        pytest.param({"policy": SECRET}, [], id="pass-secret"),
        pytest.param(
            {"policy": policy({"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*"})},
            [],
            id="pass-deny-wildcard",
        ),
        pytest.param(
            {"policy": policy(ROOT, {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "kms:*"})},
            ["policy statement Open allows Principal '*'" + FIX],
            id="fail-star",
        ),
        pytest.param(
            {"policy": policy({"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}})},
            ["policy statement #0 allows Principal '*'" + FIX],
            id="fail-aws-star-in-list",
        ),
        pytest.param(
            {"policy": "{not json"},
            ["policy is not a JSON policy document; give the key policy as a JSON object (164.312(a)(1))"],
            id="fail-not-json",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
