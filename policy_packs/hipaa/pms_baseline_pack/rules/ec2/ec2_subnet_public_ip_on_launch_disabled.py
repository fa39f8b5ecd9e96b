"""No subnet gives instances a public IP address on launch."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="ec2-subnet-public-ip-on-launch-disabled",
    title="Subnets do not assign public IP addresses on launch",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.SUBNET,),
    remediation="Use the SegmentedNetwork component, or set map_public_ip_on_launch=False; only the load "
    "balancer and NAT gateways face the internet, and they do not need it.",
    aws_config_rules=("subnet-auto-assign-public-ip-disabled",),
    checkov_ids=("CKV_AWS_130",),
)
def check(props, config):
    """mapPublicIpOnLaunch is not true."""
    if props.get("mapPublicIpOnLaunch") is True:
        return [
            "mapPublicIpOnLaunch is true; use SegmentedNetwork or set map_public_ip_on_launch=False "
            "(164.312(a)(1))"
        ]
    return []
