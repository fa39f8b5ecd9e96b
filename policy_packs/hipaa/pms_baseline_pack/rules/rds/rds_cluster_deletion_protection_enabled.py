"""RDS and Aurora DB clusters cannot be deleted until deletion protection is turned off.

AWS Config ``rds-cluster-deletion-protection-enabled``:
https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-deletion-protection-enabled.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="rds-cluster-deletion-protection-enabled",
    title="RDS and Aurora DB clusters have deletion protection",
    severity="high",
    citations=("164.312(c)(1)", "164.308(a)(7)(ii)(A)"),
    resource_types=(t.RDS_CLUSTER,),
    remediation="Set deletion_protection=True on the cluster.",
    aws_config_rules=("rds-cluster-deletion-protection-enabled",),
    checkov_ids=("CKV_AWS_139",),
)
def check(props, config):
    """deletionProtection is true."""
    value = props.get("deletionProtection")
    if is_opaque(value) or value is True:
        return []
    return [
        f"deletionProtection is {shown(value)}; set deletion_protection=True so the cluster cannot be destroyed "
        "by one command (164.312(c)(1))"
    ]
