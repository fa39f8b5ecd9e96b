"""Every internet-facing Application Load Balancer is associated with a WAFv2 web ACL."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.elb import is_application
from pms_baseline_pack.rules.props import of_type, resource_identities


def _name(lb):
    name = lb.props.get("name")
    return name if isinstance(name, str) and name and not is_opaque(name) else lb.name


@stack_rule(
    id="wafv2-internet-facing-alb-protected",
    title="Internet-facing load balancers are protected by a WAF web ACL",
    severity="high",
    citations=("164.308(a)(5)(ii)(B)", "164.312(e)(1)"),
    resource_types=(*t.LOAD_BALANCERS, t.WAF_WEB_ACL_ASSOCIATION),
    remediation="Use the Edge component, or declare a wafv2 WebAclAssociation of the load balancer's ARN "
    "with a web ACL that has AWS managed rule groups and a rate-based rule.",
    aws_config_rules=("alb-waf-enabled",),
    checkov_ids=("CKV2_AWS_28",),
)
def check(resources, config):
    """Each non-internal application load balancer's ARN is the resourceArn of a WebAclAssociation."""
    associations = [a.props.get("resourceArn") for a in of_type(resources, t.WAF_WEB_ACL_ASSOCIATION)]
    if any(is_opaque(a) for a in associations):
        return []
    found = []
    for lb in of_type(resources, *t.LOAD_BALANCERS):
        if (
            lb.props.get("internal") is True
            or is_opaque(lb.props.get("internal"))
            or not is_application(lb.props)
        ):
            continue
        if resource_identities(lb) & set(a for a in associations if isinstance(a, str)):
            continue
        found.append(
            Violation(
                f"internet-facing load balancer {_name(lb)} has no WAFv2 web ACL association; use the Edge "
                "component or associate a web ACL with managed rule groups and a rate limit "
                "(164.308(a)(5)(ii)(B))",
                lb.urn,
            )
        )
    return found
