import pytest

from pms_baseline_pack.rules.ec2.ec2_instance_profile_attached import check as rule

MISSING = ("iamInstanceProfile is unset, so software on the instance gets AWS access only from stored keys; set "
           "iam_instance_profile to a profile whose role grants what it needs (164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"iamInstanceProfile": "app-profile"}, [], id="pass-profile"),
        pytest.param({}, [MISSING], id="fail-unset"),
        pytest.param({"iamInstanceProfile": ""}, [MISSING], id="fail-empty"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
