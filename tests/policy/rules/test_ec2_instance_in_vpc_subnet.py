import pytest

from pms_baseline_pack.rules.ec2.ec2_instance_in_vpc_subnet import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"subnetId": "subnet-0abc"}, [], id="pass-subnet"),
        pytest.param({"networkInterfaces": [{"networkInterfaceId": "eni-1", "deviceIndex": 0}]}, [], id="pass-eni"),
        pytest.param(
            {"instanceType": "t3.micro"},
            ["subnetId is unset, so the instance launches in the default VPC's public subnets; set subnet_id to a "
             "private subnet of the SegmentedNetwork (164.312(a)(1))"],
            id="fail-default-vpc",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
