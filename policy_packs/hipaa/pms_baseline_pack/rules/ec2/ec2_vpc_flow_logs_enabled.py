"""Every VPC records flow logs of all its traffic."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, ref, resource_identities


@stack_rule(
    id="ec2-vpc-flow-logs-enabled",
    title="VPC flow logs record all traffic of every VPC",
    severity="high",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.VPC, t.FLOW_LOG),
    remediation="Use the SegmentedNetwork component, or declare an aws.ec2.FlowLog with vpc_id set to the "
    "VPC and traffic_type='ALL', delivered to a KMS-encrypted log group.",
    aws_config_rules=("vpc-flow-logs-enabled",),
    checkov_ids=("CKV2_AWS_11",),
)
def check(resources, config):
    """Each VPC has a FlowLog whose vpcId is the VPC and whose trafficType is ALL."""
    logs = of_type(resources, t.FLOW_LOG)
    by_vpc: dict[str, list] = {}
    for f in logs:
        by_vpc.setdefault(ref(f.props.get("vpcId")), []).append(f)
    unknown = [f for f in logs if is_opaque(f.props.get("vpcId"))]  # a preview's new VPC: may be this one
    position = {id(f): n for n, f in enumerate(logs)}
    found = []
    for vpc in of_type(resources, t.VPC):
        ids = resource_identities(vpc)
        mine = sorted({id(f): f for f in [*(f for i in ids for f in by_vpc.get(i, ())), *unknown]}.values(),
                      key=lambda f: position[id(f)])
        kinds = [f.props.get("trafficType") for f in mine]
        if "ALL" in kinds or any(is_opaque(k) for k in kinds):
            continue
        if mine:
            message = (
                f"VPC {vpc.name} flow logs record trafficType {', '.join(str(k) for k in kinds)}, not ALL; "
                "set traffic_type='ALL' (164.312(b))"
            )
        else:
            message = (
                f"VPC {vpc.name} has no flow log; declare an aws.ec2.FlowLog with vpc_id set to it and "
                "traffic_type='ALL' (164.312(b))"
            )
        found.append(Violation(message, vpc.urn))
    return found
