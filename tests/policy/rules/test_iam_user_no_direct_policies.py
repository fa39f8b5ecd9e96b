import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.iam.iam_user_no_direct_policies import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"users": [], "roles": ["pms-app"], "policyArn": "arn:x"}, [], id="pass-attachment-to-role"
        ),
        pytest.param({"users": UNKNOWN}, [], id="pass-unknown-users"),
        pytest.param(
            {"user": "alice", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
            [
                "the policy is attached directly to user alice; attach it to a group or role instead, so "
                "access is granted and revoked in one place (164.308(a)(4)(ii)(B))"
            ],
            id="fail-user-attachment",
        ),
        pytest.param(
            {"users": ["alice"], "policyArn": "arn:x"},
            [
                'users is ["alice"]; attach the policy to groups or roles only, so access is granted and '
                "revoked in one place (164.308(a)(4)(ii)(B))"
            ],
            id="fail-policy-attachment-users",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
