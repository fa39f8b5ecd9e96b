"""Deleting an RDS instance leaves a final snapshot."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="rds-instance-final-snapshot-enabled",
    title="RDS instances take a final snapshot when deleted",
    severity="medium",
    citations=("164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set skip_final_snapshot=False with a "
    "final_snapshot_identifier.",
)
def check(props, config):
    """skipFinalSnapshot is not true."""
    if props.get("skipFinalSnapshot") is True:
        return [
            "skipFinalSnapshot is true, so deleting the instance destroys its data without a snapshot; set "
            "skip_final_snapshot=False with a final_snapshot_identifier (164.308(a)(7)(ii)(A))"
        ]
    return []
