"""Elastic Beanstalk environments take managed platform updates.

AWS Config elastic-beanstalk-managed-updates-enabled: NON_COMPLIANT when managed platform updates are not enabled
(its optional UpdateLevel parameter has no default and is not used). The option is ManagedActionsEnabled in the
aws:elasticbeanstalk:managedactions namespace, false unless set.
https://docs.aws.amazon.com/config/latest/developerguide/elastic-beanstalk-managed-updates-enabled.html
https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkmanagedactions
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import blocks, shown

NAMESPACE = "aws:elasticbeanstalk:managedactions"


@resource_rule(
    id="elasticbeanstalk-managed-updates-enabled",
    title="Elastic Beanstalk environments take managed platform updates",
    severity="medium",
    citations=("164.308(a)(5)(ii)(B)",),
    resource_types=(t.BEANSTALK_ENVIRONMENT,),
    remediation="Add settings ManagedActionsEnabled=true, PreferredStartTime and UpdateLevel (minor or patch) in "
    f"the {NAMESPACE} namespace.",
    aws_config_rules=("elastic-beanstalk-managed-updates-enabled",),
    checkov_ids=("CKV_AWS_340",),
)
def check(props, config):
    """The settings set ManagedActionsEnabled to true in the managedactions namespace."""
    settings = props.get("settings")
    if is_opaque(settings):
        return []
    value = None
    for s in blocks(settings):
        if isinstance(s, dict) and s.get("namespace") == NAMESPACE and s.get("name") == "ManagedActionsEnabled":
            value = s.get("value")
    if is_opaque(value) or str(value).strip().lower() == "true" or value is True:
        return []
    return [f"setting {NAMESPACE}:ManagedActionsEnabled is {shown(value)}; set it to true with a "
            "PreferredStartTime and UpdateLevel so platform security patches are applied (164.308(a)(5)(ii)(B))"]
