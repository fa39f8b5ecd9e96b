"""RDS master passwords are generated and kept by Secrets Manager, never given in config or state."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="rds-instance-master-password-managed",
    title="RDS master passwords are managed by Secrets Manager",
    severity="high",
    citations=("164.308(a)(5)(ii)(D)", "164.312(a)(1)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set manage_master_user_password=True and remove password.",
    aws_config_rules=("secretsmanager-rotation-enabled-check",),
)
def check(props, config):
    """manageMasterUserPassword is true and no password property is set (replicas inherit their source's)."""
    if props.get("replicateSourceDb"):
        return []
    found = []
    if props.get("password") not in (None, ""):
        found.append(
            "password is set, so the master password sits in the program's config and state; remove it and "
            "set manage_master_user_password=True (164.308(a)(5)(ii)(D))"
        )
    managed = props.get("manageMasterUserPassword")
    if not is_opaque(managed) and managed is not True:
        found.append(
            f"manageMasterUserPassword is {shown(managed)}; use PhiDatabase or set "
            "manage_master_user_password=True so Secrets Manager generates and rotates the password "
            "(164.308(a)(5)(ii)(D))"
        )
    return found
