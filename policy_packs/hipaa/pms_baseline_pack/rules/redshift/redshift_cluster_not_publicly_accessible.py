"""Redshift clusters are not publicly accessible.

AWS Config redshift-cluster-public-access-check: NON_COMPLIANT when a cluster's publiclyAccessible is true.
https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-public-access-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="redshift-cluster-not-publicly-accessible",
    title="Redshift clusters are not publicly accessible",
    severity="critical",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.REDSHIFT_CLUSTER,),
    remediation="Set publicly_accessible=False (the provider's default) and place the cluster in private subnets.",
    aws_config_rules=("redshift-cluster-public-access-check",),
    checkov_ids=("CKV_AWS_87",),
)
def check(props, config):
    """publiclyAccessible is not true (unset is false in pulumi-aws v7)."""
    value = props.get("publiclyAccessible")
    if is_opaque(value) or value is not True:
        return []
    return ["publiclyAccessible is true; set publicly_accessible=False so the cluster has no public endpoint "
            "(164.312(a)(1))"]
