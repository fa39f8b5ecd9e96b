"""Auto Scaling groups behind a load balancer replace instances the load balancer finds unhealthy.

AWS Config ``autoscaling-group-elb-healthcheck-required`` (NON_COMPLIANT when a group associated with an Elastic
Load Balancer does not use Elastic Load Balancing health checks; HealthCheckType EC2 is the default):
https://docs.aws.amazon.com/config/latest/developerguide/autoscaling-group-elb-healthcheck-required.html
A group is associated through its own loadBalancers (Classic), targetGroupArns or trafficSources, or through a
separate aws:autoscaling/attachment or trafficSourceAttachment resource; the ELB health check type covers each
(https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import as_list, of_type, ref, resource_identities, shown


def _attached_names(resources) -> set[str]:
    return {
        name
        for a in of_type(resources, t.AUTOSCALING_ATTACHMENT, t.AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT)
        if (name := ref(a.props.get("autoscalingGroupName"))) and not is_opaque(name)
    }


@stack_rule(
    id="autoscaling-group-elb-health-check",
    title="Auto Scaling groups behind a load balancer use its health checks",
    severity="medium",
    citations=("164.308(a)(7)(ii)(C)",),
    resource_types=(t.AUTOSCALING_GROUP, t.AUTOSCALING_ATTACHMENT, t.AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT),
    remediation="Set health_check_type='ELB' (and a health_check_grace_period) on the group.",
    aws_config_rules=("autoscaling-group-elb-healthcheck-required",),
)
def check(resources, config):
    """A group with a load balancer, target group or traffic source has healthCheckType ELB."""
    attached = _attached_names(resources)
    found = []
    for group in of_type(resources, t.AUTOSCALING_GROUP):
        p = group.props
        behind = any(as_list(p.get(k)) for k in ("loadBalancers", "targetGroupArns", "trafficSources"))
        if not (behind or resource_identities(group) & attached):
            continue
        value = p.get("healthCheckType")
        if is_opaque(value) or value == "ELB":
            continue
        found.append(Violation(
            f"healthCheckType is {shown(value)} (EC2 when unset) on a group behind a load balancer, so instances "
            "that fail the load balancer's health check stay in service; set health_check_type='ELB' "
            "(164.308(a)(7)(ii)(C))",
            group.urn,
        ))
    return found
