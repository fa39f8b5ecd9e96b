import json

import pytest

from pms_baseline_pack.rules.iam.iam_role_trust_no_wildcard_principal import check as rule


def trust(principal, sid="Assume"):
    return {
        "assumeRolePolicy": json.dumps(
            {
                "Statement": [
                    {"Sid": sid, "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal}
                ]
            }
        )
    }


def fail(shown):
    return (
        f"assumeRolePolicy statement Assume lets Principal {shown} assume the role; name the accounts, roles "
        "or services that may assume it (164.308(a)(4)(ii)(B))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(trust({"Service": "cloudtrail.amazonaws.com"}), [], id="pass-service"),
        pytest.param(trust({"AWS": "arn:aws:iam::210987654321:root"}), [], id="pass-account"),
        pytest.param({}, [], id="pass-unset"),
        pytest.param(trust("*"), [fail("*")], id="fail-star"),
        pytest.param(trust({"AWS": "*"}), [fail('{"AWS":"*"}')], id="fail-aws-star"),
        pytest.param(
            trust({"AWS": ["arn:aws:iam::210987654321:root", "*"]}),
            [fail('{"AWS":["arn:aws:iam::210987654321:root","*"]}')],
            id="fail-star-in-list",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
