"""EMR clusters launch in subnets that give their master node no public IP.

AWS Config emr-master-no-public-ip: NON_COMPLIANT when a running or waiting cluster's master node has a public IP.
Before deploy the program says where the master launches: ec2Attributes.subnetId (or subnetIds) names a subnet of
the stack, and instances launched there get a public IPv4 address when the subnet's mapPublicIpOnLaunch is true; a
cluster with no subnet launches in the default VPC, whose default subnets assign public IPs.
https://docs.aws.amazon.com/config/latest/developerguide/emr-master-no-public-ip.html
https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html
https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import as_list, block, by_identity, of_type

_CITATION = "164.312(a)(1)"


@stack_rule(
    id="emr-cluster-master-no-public-ip",
    title="EMR cluster masters have no public IP",
    severity="high",
    citations=(_CITATION, "164.312(e)(1)"),
    resource_types=(t.EMR_CLUSTER, t.SUBNET),
    remediation="Launch the cluster in a private subnet (ec2_attributes.subnet_id of a subnet with "
    "map_public_ip_on_launch=False, reaching AWS through VPC endpoints or a NAT gateway).",
    aws_config_rules=("emr-master-no-public-ip",),
)
def check(resources, config):
    """Each cluster names subnets, and none of the stack's subnets it names maps public IPs on launch."""
    subnets = by_identity(of_type(resources, t.SUBNET))
    found = []
    for cluster in of_type(resources, t.EMR_CLUSTER):
        attrs = block(cluster.props.get("ec2Attributes"))
        if is_opaque(attrs):
            continue
        attrs = attrs if isinstance(attrs, dict) else {}
        named = [*as_list(attrs.get("subnetId")), *as_list(attrs.get("subnetIds"))]
        if any(is_opaque(s) for s in named):
            continue
        named = [s for s in named if isinstance(s, str) and s]
        if not named:
            found.append(Violation(
                "ec2Attributes.subnetId is unset, so the cluster launches in the default VPC, whose subnets give "
                f"the master a public IP; set subnet_id to a private subnet ({_CITATION})", cluster.urn))
            continue
        for ident in named:
            subnet = next(iter(subnets.get(ident, ())), None)
            if subnet is None or subnet.props.get("mapPublicIpOnLaunch") is not True:
                continue
            found.append(Violation(
                f"ec2Attributes names subnet {subnet.name}, whose mapPublicIpOnLaunch is true, so the master gets "
                f"a public IP; launch the cluster in a private subnet ({_CITATION})", cluster.urn))
    return found
