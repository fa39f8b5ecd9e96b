"""RDS snapshots are not shared with every AWS account."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="rds-snapshot-not-public",
    title="RDS snapshots are not public",
    severity="critical",
    citations=("164.312(a)(1)",),
    resource_types=(t.RDS_SNAPSHOT, t.RDS_CLUSTER_SNAPSHOT, t.RDS_SNAPSHOT_COPY),
    remediation="Remove 'all' from shared_accounts; share snapshots only with named backup accounts.",
    aws_config_rules=("rds-snapshots-public-prohibited",),
    checkov_ids=("CKV_AWS_302",),
)
def check(props, config):
    """sharedAccounts does not contain 'all'."""
    shared = props.get("sharedAccounts")
    if is_opaque(shared) or not isinstance(shared, list):
        return []
    if "all" in shared:
        return [
            "sharedAccounts includes 'all', which makes the snapshot restorable by any AWS account; remove "
            "it (164.312(a)(1))"
        ]
    return []
