import json

import pytest

from pms_baseline_pack.rules.iam.iam_policy_no_service_wildcard_actions import check as rule


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"policy": doc({"Effect": "Allow", "Action": ["logs:PutLogEvents", "s3:Get*"], "Resource": "*"})},
            [],
            id="pass-named-actions",
        ),
        pytest.param(
            {"policy": doc({"Effect": "Allow", "Action": "*", "Resource": "*"})},
            [],
            id="pass-left-to-admin-rule",
        ),
        pytest.param(
            {
                "policy": doc(
                    {"Sid": "S3", "Effect": "Allow", "Action": ["s3:*", "kms:Decrypt"], "Resource": "*"}
                )
            },
            [
                "policy statement S3 allows s3:* (every action of the service); list only the actions the "
                "principal needs (164.308(a)(4)(ii)(B))"
            ],
            id="fail-service-wildcard",
        ),
        pytest.param(
            {"policy": doc({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::pms-phi/*"})},
            [
                "policy statement 0 allows * (every action of the service); list only the actions the "
                "principal needs (164.308(a)(4)(ii)(B))"
            ],
            id="fail-star-on-resource",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
