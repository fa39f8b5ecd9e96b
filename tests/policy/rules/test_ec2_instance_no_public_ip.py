import pytest

from pms_baseline_pack.rules.ec2.ec2_instance_no_public_ip import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"associatePublicIpAddress": False}, [], id="pass-false"),
        pytest.param({"subnetId": "subnet-1"}, [], id="pass-unset-subnet-decides"),
        pytest.param(
            {"associatePublicIpAddress": True},
            ["associatePublicIpAddress is true, so the instance is reachable from the internet; set "
             "associate_public_ip_address=False (164.312(a)(1))"],
            id="fail-public",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
