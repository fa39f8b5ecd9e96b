import pytest

from pms_baseline_pack.rules.s3.s3_bucket_acl_not_public import check as rule

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"bucket": "b", "acl": "private"}, [], id="pass-private"),
        pytest.param({"bucket": "b"}, [], id="pass-unset"),
        pytest.param(
            {"bucket": "b", "acl": "public-read"},
            ["acl is public-read; remove it (private is the default) (164.312(a)(1))"],
            id="fail-public-read",
        ),
        pytest.param(
            {"bucket": "b", "acl": "public-read-write"},
            ["acl is public-read-write; remove it (private is the default) (164.312(a)(1))"],
            id="fail-public-read-write",
        ),
        pytest.param(
            {
                "bucket": "b",
                "accessControlPolicy": {
                    "grants": [{"grantee": {"type": "Group", "uri": ALL_USERS}, "permission": "READ"}],
                    "owner": {"id": "x"},
                },
            },
            ["a grant names AllUsers; remove it (164.312(a)(1))"],
            id="fail-grant-all-users",
        ),
        pytest.param(
            {"bucket": "b", "grants": [{"type": "Group", "uri": ALL_USERS, "permissions": ["WRITE"]}]},
            ["a grant names AllUsers; remove it (164.312(a)(1))"],
            id="fail-inline-bucket-grant",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
