"""Every VPC's default security group is adopted by the stack and has no rules."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, resource_identities


@stack_rule(
    id="ec2-default-security-group-closed",
    title="Default security groups have no rules",
    severity="high",
    citations=("164.312(a)(1)",),
    resource_types=(
        t.VPC,
        t.DEFAULT_SECURITY_GROUP,
        t.SECURITY_GROUP_RULE,
        t.SG_INGRESS_RULE,
        t.SG_EGRESS_RULE,
    ),
    remediation="Use the SegmentedNetwork component, or declare an aws.ec2.DefaultSecurityGroup for the "
    "VPC with no ingress and no egress, and attach no rule resources to it.",
    aws_config_rules=("vpc-default-security-group-closed",),
    checkov_ids=("CKV2_AWS_12",),
)
def check(resources, config):
    """Each VPC has a DefaultSecurityGroup with empty ingress and egress, and no rule resource names it."""
    defaults = of_type(resources, t.DEFAULT_SECURITY_GROUP)
    vpc_ids = {d.props.get("vpcId") for d in defaults if isinstance(d.props.get("vpcId"), str)}
    any_unknown = any(is_opaque(d.props.get("vpcId")) for d in defaults)  # a preview's new VPC: may be this
    found = []
    for vpc in of_type(resources, t.VPC):
        ids = resource_identities(vpc)
        if not any_unknown and not ids & vpc_ids:
            found.append(
                Violation(
                    f"VPC {vpc.name} has no DefaultSecurityGroup resource, so its default security group "
                    "keeps AWS's allow-all-within-group rules; declare aws.ec2.DefaultSecurityGroup with "
                    "no ingress or egress (164.312(a)(1))",
                    vpc.urn,
                )
            )
    default_ids = set()
    for vpc in of_type(resources, t.VPC):
        sg = vpc.props.get("defaultSecurityGroupId")
        if isinstance(sg, str) and sg and not is_opaque(sg):
            default_ids.add(sg)
    for sg in defaults:
        default_ids |= resource_identities(sg)
        for direction in ("ingress", "egress"):
            rules = sg.props.get(direction)
            if isinstance(rules, list) and rules:
                found.append(
                    Violation(
                        f"default security group {sg.name} has {len(rules)} {direction} rule(s); set "
                        f"{direction}=[] and use dedicated security groups (164.312(a)(1))",
                        sg.urn,
                    )
                )
    for rule in of_type(resources, t.SECURITY_GROUP_RULE, t.SG_INGRESS_RULE, t.SG_EGRESS_RULE):
        if rule.props.get("securityGroupId") in default_ids:
            found.append(
                Violation(
                    f"security group rule {rule.name} is attached to a VPC's default security group; attach "
                    "it to a dedicated security group instead (164.312(a)(1))",
                    rule.urn,
                )
            )
    return found
