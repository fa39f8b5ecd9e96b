"""Redshift clusters take engine upgrades in their maintenance window.

AWS Config redshift-cluster-maintenancesettings-check: NON_COMPLIANT when allowVersionUpgrade differs from its
parameter (default true) or automatedSnapshotRetentionPeriod is below its parameter (default 1). The retention
half is judged once, by redshift-cluster-automated-snapshots-enabled (one finding per problem); the optional
preferredMaintenanceWindow parameter has no default and is not used.
https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-maintenancesettings-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="redshift-cluster-version-upgrade-allowed",
    title="Redshift clusters allow engine version upgrades",
    severity="medium",
    citations=("164.308(a)(5)(ii)(B)",),
    resource_types=(t.REDSHIFT_CLUSTER,),
    remediation="Leave allow_version_upgrade at True (the default) so engine fixes are applied in the "
    "maintenance window.",
    aws_config_rules=("redshift-cluster-maintenancesettings-check",),
    checkov_ids=("CKV_AWS_141",),
)
def check(props, config):
    """allowVersionUpgrade is not false (unset is true)."""
    value = props.get("allowVersionUpgrade")
    if is_opaque(value) or value is not False:
        return []
    return ["allowVersionUpgrade is false; set allow_version_upgrade=True so engine security fixes reach the "
            "cluster (164.308(a)(5)(ii)(B))"]
