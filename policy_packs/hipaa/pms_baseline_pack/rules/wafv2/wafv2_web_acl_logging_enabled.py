"""Every WAFv2 web ACL has a logging configuration with a destination."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, resource_identities


def _name(acl):
    name = acl.props.get("name")
    return name if isinstance(name, str) and name and not is_opaque(name) else acl.name


@stack_rule(
    id="wafv2-web-acl-logging-enabled",
    title="WAF web ACLs log their requests",
    severity="high",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.WAF_WEB_ACL, t.WAF_LOGGING),
    remediation="Use the Edge component, or declare a wafv2 WebAclLoggingConfiguration for the web ACL's "
    "ARN with an aws-waf-logs-* log group in log_destination_configs.",
    aws_config_rules=("wafv2-logging-enabled",),
    checkov_ids=("CKV2_AWS_31",),
)
def check(resources, config):
    """Each web ACL's ARN is the resourceArn of a logging configuration with logDestinationConfigs."""
    logging = of_type(resources, t.WAF_LOGGING)
    if any(is_opaque(c.props.get("resourceArn")) for c in logging):
        return []
    found = []
    for acl in of_type(resources, t.WAF_WEB_ACL):
        ids = resource_identities(acl)
        mine = [c for c in logging if isinstance(c.props.get("resourceArn"), str) and c.props["resourceArn"] in ids]
        if not mine:
            found.append(
                Violation(
                    f"web ACL {_name(acl)} has no WebAclLoggingConfiguration, so blocked and allowed "
                    "requests go unrecorded; use the Edge component or declare one (164.312(b))",
                    acl.urn,
                )
            )
            continue
        for cfg in mine:
            dest = cfg.props.get("logDestinationConfigs")
            if not is_opaque(dest) and not dest:
                found.append(
                    Violation(
                        f"web ACL {_name(acl)} logging configuration has no logDestinationConfigs; set it "
                        "to an aws-waf-logs-* log group (164.312(b))",
                        cfg.urn,
                    )
                )
    return found
