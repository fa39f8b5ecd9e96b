"""EC2 instances are not given a public IP address.

AWS Config ``ec2-instance-no-public-ip``:
https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-no-public-ip.html
An instance that leaves associatePublicIpAddress unset takes its subnet's mapPublicIpOnLaunch, which
ec2-subnet-public-ip-on-launch-disabled judges; this rule fails the explicit request.
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="ec2-instance-no-public-ip",
    title="EC2 instances have no public IP address",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.EC2_INSTANCE,),
    remediation="Set associate_public_ip_address=False; reach the instance through a load balancer or SSM.",
    aws_config_rules=("ec2-instance-no-public-ip",),
    checkov_ids=("CKV_AWS_88",),
)
def check(props, config):
    """associatePublicIpAddress is not true."""
    if props.get("associatePublicIpAddress") is True:
        return [
            "associatePublicIpAddress is true, so the instance is reachable from the internet; set "
            "associate_public_ip_address=False (164.312(a)(1))"
        ]
    return []
