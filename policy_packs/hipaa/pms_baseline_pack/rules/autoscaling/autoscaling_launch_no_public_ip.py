"""What Auto Scaling launches instances from (launch configurations, launch templates) asks for no public IP.

AWS Config ``autoscaling-launch-config-public-ip-disabled`` (NON_COMPLIANT when a launch configuration has
AssociatePublicIpAddress true):
https://docs.aws.amazon.com/config/latest/developerguide/autoscaling-launch-config-public-ip-disabled.html
Launch templates, which replace launch configurations, ask the same through a network interface's
AssociatePublicIpAddress (https://docs.aws.amazon.com/autoscaling/ec2/userguide/create-launch-template.html).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import blocks


def _true(value) -> bool:
    # The launch template's networkInterfaces[].associatePublicIpAddress is a string in the provider schema.
    return not is_opaque(value) and (value is True or (isinstance(value, str) and value.lower() == "true"))


@resource_rule(
    id="autoscaling-launch-no-public-ip",
    title="Launch configurations and launch templates do not assign public IP addresses",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.LAUNCH_CONFIGURATION, t.LAUNCH_TEMPLATE),
    remediation="Set associate_public_ip_address=False (launch configuration) or 'false' on every network "
    "interface of the launch template; put the group in private subnets behind a load balancer.",
    aws_config_rules=("autoscaling-launch-config-public-ip-disabled",),
    checkov_ids=("CKV_AWS_88",),
)
def check(props, config):
    """associatePublicIpAddress is not true, on the launch configuration or any launch template interface."""
    if _true(props.get("associatePublicIpAddress")):
        return [
            "associatePublicIpAddress is true, so every instance launched from it is reachable from the internet; "
            "set associate_public_ip_address=False (164.312(a)(1))"
        ]
    return [
        f"networkInterfaces[{i}].associatePublicIpAddress is true, so every instance launched from the template "
        "is reachable from the internet; set it to 'false' (164.312(a)(1))"
        for i, nic in enumerate(blocks(props.get("networkInterfaces")))
        if isinstance(nic, dict) and _true(nic.get("associatePublicIpAddress"))
    ]
