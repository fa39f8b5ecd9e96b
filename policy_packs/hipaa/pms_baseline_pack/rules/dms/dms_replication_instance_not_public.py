"""DMS replication instances have no public IP address.

AWS Config ``dms-replication-not-public``:
https://docs.aws.amazon.com/config/latest/developerguide/dms-replication-not-public.html
The API's default is public: CreateReplicationInstance's PubliclyAccessible "default value is true"
(https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html), so unset fails.
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="dms-replication-instance-not-public",
    title="DMS replication instances are not publicly accessible",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.DMS_REPLICATION_INSTANCE,),
    remediation="Set publicly_accessible=False and place the instance in private subnets.",
    aws_config_rules=("dms-replication-not-public",),
    checkov_ids=("CKV_AWS_89",),
)
def check(props, config):
    """publiclyAccessible is false (unset means public: the API's default is true)."""
    value = props.get("publiclyAccessible")
    if is_opaque(value) or value is False:
        return []
    return [
        f"publiclyAccessible is {shown(value)}, so the replication instance gets a public IP address (AWS's "
        "default when unset); set publicly_accessible=False (164.312(a)(1))"
    ]
