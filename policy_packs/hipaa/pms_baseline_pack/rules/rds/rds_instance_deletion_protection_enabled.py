"""RDS instances cannot be deleted until deletion protection is turned off."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="rds-instance-deletion-protection-enabled",
    title="RDS instances have deletion protection",
    severity="high",
    citations=("164.312(c)(1)", "164.308(a)(7)(ii)(A)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set deletion_protection=True.",
    checkov_ids=("CKV_AWS_293",),
)
def check(props, config):
    """deletionProtection is true."""
    value = props.get("deletionProtection")
    if is_opaque(value) or value is True:
        return []
    return [
        f"deletionProtection is {shown(value)}; use PhiDatabase or set deletion_protection=True so the PHI "
        "database cannot be destroyed by one command (164.312(c)(1))"
    ]
