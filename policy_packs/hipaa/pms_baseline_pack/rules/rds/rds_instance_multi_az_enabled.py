"""RDS instances run Multi-AZ, except in environments the pack's config exempts."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import environment_list, resource_rule
from pms_baseline_pack.rules.props import is_exempt_environment, shown


@resource_rule(
    id="rds-instance-multi-az-enabled",
    title="RDS instances are Multi-AZ (production)",
    severity="medium",
    citations=("164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(C)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component (Multi-AZ is always on in prod), or set multi_az=True.",
    aws_config_rules=("rds-multi-az-support",),
    checkov_ids=("CKV_AWS_157",),
    config={
        "exemptEnvironments": environment_list(
            ["staging", "test"],
            "Values of the 'environment' tag whose instances may run in one AZ (untagged instances never "
            "are).",
        )
    },
)
def check(props, config):
    """multiAz is true unless the instance is tagged with an exempt environment."""
    if props.get("replicateSourceDb") or is_exempt_environment(props, config["exemptEnvironments"]):
        return []
    value = props.get("multiAz")
    if is_opaque(value) or value is True:
        return []
    return [
        f"multiAz is {shown(value)}; set multi_az=True so the PHI database survives the loss of an "
        "availability zone (164.308(a)(7)(ii)(B))"
    ]
