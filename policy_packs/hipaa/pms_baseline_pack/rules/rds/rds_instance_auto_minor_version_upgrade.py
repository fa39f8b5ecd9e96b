"""RDS instances take minor engine versions (security fixes) automatically."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="rds-instance-auto-minor-version-upgrade",
    title="RDS instances upgrade minor engine versions automatically",
    severity="medium",
    citations=("164.308(a)(5)(ii)(B)",),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or leave auto_minor_version_upgrade at True.",
    aws_config_rules=("rds-automatic-minor-version-upgrade-enabled",),
    checkov_ids=("CKV_AWS_226",),
)
def check(props, config):
    """autoMinorVersionUpgrade is not false (AWS defaults it to true)."""
    if props.get("autoMinorVersionUpgrade") is False:
        return [
            "autoMinorVersionUpgrade is false; use PhiDatabase or set auto_minor_version_upgrade=True so "
            "engine security fixes are applied in the maintenance window (164.308(a)(5)(ii)(B))"
        ]
    return []
