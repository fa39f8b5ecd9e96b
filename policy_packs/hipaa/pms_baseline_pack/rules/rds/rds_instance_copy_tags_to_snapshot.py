"""RDS snapshots inherit the instance's tags, so a snapshot of PHI is labelled as PHI."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="rds-instance-copy-tags-to-snapshot",
    title="RDS instances copy their tags to snapshots",
    severity="low",
    citations=("164.310(d)(2)(iii)",),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set copy_tags_to_snapshot=True.",
    checkov_ids=("CKV2_AWS_60",),
)
def check(props, config):
    """copyTagsToSnapshot is true."""
    value = props.get("copyTagsToSnapshot")
    if is_opaque(value) or value is True:
        return []
    return [
        f"copyTagsToSnapshot is {shown(value)}; use PhiDatabase or set copy_tags_to_snapshot=True so every "
        "snapshot carries the data classification of its database (164.310(d)(2)(iii))"
    ]
