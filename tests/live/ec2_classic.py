"""An EC2 answer moto cannot give: every instance moto runs is in a VPC, while an EC2-Classic instance (or one
whose subnet AWS no longer reports) is described without SubnetId or VpcId
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html, subnetId "[EC2-VPC] The ID of the
subnet"). A test removes them from moto's DescribeInstances answer for one instance; every other call is moto's."""

from __future__ import annotations

from typing import Any


def answer_without_subnet(session: Any, instance_id: str) -> None:
    """Describe ``instance_id`` on ``session``'s clients as an instance outside any VPC."""

    def answer(parsed: dict[str, Any], **_: Any) -> None:
        for reservation in parsed.get("Reservations") or []:
            for i in reservation.get("Instances") or []:
                if i.get("InstanceId") == instance_id:
                    for key in ("SubnetId", "VpcId", "NetworkInterfaces"):
                        i.pop(key, None)

    session.events.register("after-call.ec2.DescribeInstances", answer)
