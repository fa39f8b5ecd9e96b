"""Load balancers cannot be deleted until deletion protection is turned off."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="elb-load-balancer-deletion-protection-enabled",
    title="Load balancers have deletion protection",
    severity="medium",
    citations=("164.308(a)(7)(ii)(C)",),
    resource_types=t.LOAD_BALANCERS,
    remediation="Use the Edge component, or set enable_deletion_protection=True.",
    aws_config_rules=("elb-deletion-protection-enabled",),
    checkov_ids=("CKV_AWS_150",),
)
def check(props, config):
    """enableDeletionProtection is true."""
    value = props.get("enableDeletionProtection")
    if is_opaque(value) or value is True:
        return []
    return [
        f"enableDeletionProtection is {shown(value)}; use the Edge component or set "
        "enable_deletion_protection=True so the PMS entry point cannot be removed by one command "
        "(164.308(a)(7)(ii)(C))"
    ]
