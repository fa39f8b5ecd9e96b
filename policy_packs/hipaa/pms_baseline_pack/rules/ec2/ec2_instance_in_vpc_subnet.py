"""EC2 instances are launched into a subnet the program chooses.

AWS Config ``ec2-instances-in-vpc``: https://docs.aws.amazon.com/config/latest/developerguide/ec2-instances-in-vpc.html
Since EC2-Classic's retirement every instance is in some VPC; an instance declared without subnetId (or a
network interface) lands in the region's default VPC, whose subnets are public and outside the baseline's
segmented network (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import blocks


@resource_rule(
    id="ec2-instance-in-vpc-subnet",
    title="EC2 instances are placed in a declared VPC subnet",
    severity="medium",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.EC2_INSTANCE,),
    remediation="Set subnet_id to a private subnet of the SegmentedNetwork.",
    aws_config_rules=("ec2-instances-in-vpc",),
)
def check(props, config):
    """subnetId (or a network interface) is set."""
    subnet = props.get("subnetId")
    if is_opaque(subnet) or (isinstance(subnet, str) and subnet) or blocks(props.get("networkInterfaces")):
        return []
    return [
        "subnetId is unset, so the instance launches in the default VPC's public subnets; set subnet_id to a "
        "private subnet of the SegmentedNetwork (164.312(a)(1))"
    ]
