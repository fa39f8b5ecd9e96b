"""RDS instances have no public endpoint."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="rds-instance-not-publicly-accessible",
    title="RDS instances are not publicly accessible",
    severity="critical",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set publicly_accessible=False and place the instance in "
    "the isolated data subnets.",
    aws_config_rules=("rds-instance-public-access-check",),
    checkov_ids=("CKV_AWS_17",),
)
def check(props, config):
    """publiclyAccessible is not true (AWS defaults it to false)."""
    if props.get("publiclyAccessible") is True:
        return [
            "publiclyAccessible is true; use PhiDatabase or set publicly_accessible=False so the database "
            "is reachable only from the app tier (164.312(a)(1))"
        ]
    return []
