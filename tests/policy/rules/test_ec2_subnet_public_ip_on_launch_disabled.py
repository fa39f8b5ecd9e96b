import pytest

from pms_baseline_pack.rules.ec2.ec2_subnet_public_ip_on_launch_disabled import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"mapPublicIpOnLaunch": False}, [], id="pass-off"),
        pytest.param({}, [], id="pass-unset-aws-default-off"),
        pytest.param(
            {"mapPublicIpOnLaunch": True},
            [
                "mapPublicIpOnLaunch is true; use SegmentedNetwork or set map_public_ip_on_launch=False "
                "(164.312(a)(1))"
            ],
            id="fail-on",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
