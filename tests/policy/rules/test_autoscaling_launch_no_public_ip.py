import pytest

from pms_baseline_pack.rules.autoscaling.autoscaling_launch_no_public_ip import check as rule

CONFIG = ("associatePublicIpAddress is true, so every instance launched from it is reachable from the internet; set "
          "associate_public_ip_address=False (164.312(a)(1))")


def nic(i):
    return (f"networkInterfaces[{i}].associatePublicIpAddress is true, so every instance launched from the template "
            "is reachable from the internet; set it to 'false' (164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"associatePublicIpAddress": False}, [], id="pass-launch-configuration"),
        pytest.param({"networkInterfaces": [{"associatePublicIpAddress": "false"}]}, [], id="pass-template"),
        pytest.param({"imageId": "ami-1"}, [], id="pass-template-without-interfaces"),
        pytest.param({"associatePublicIpAddress": True}, [CONFIG], id="fail-launch-configuration"),
        pytest.param(
            {"networkInterfaces": [{"associatePublicIpAddress": "false"}, {"associatePublicIpAddress": "true"}]},
            [nic(1)],
            id="fail-template-interface",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
