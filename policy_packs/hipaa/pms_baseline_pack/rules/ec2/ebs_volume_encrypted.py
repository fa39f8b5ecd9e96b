"""EBS volumes are encrypted with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem, shown


@resource_rule(
    id="ebs-volume-encrypted",
    title="EBS volumes are encrypted with a customer-managed KMS key",
    severity="critical",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.EBS_VOLUME,),
    remediation="Set encrypted=True and kms_key_id to the PHI data key.",
    aws_config_rules=("encrypted-volumes",),
    checkov_ids=("CKV_AWS_3", "CKV_AWS_189"),
)
def check(props, config):
    """encrypted is true and kmsKeyId names a customer-managed key."""
    encrypted = props.get("encrypted")
    if is_opaque(encrypted):
        return []
    if encrypted is not True:
        return [
            f"encrypted is {shown(encrypted)}; set encrypted=True with kms_key_id set to the PHI data key "
            "(164.312(a)(2)(iv))"
        ]
    return key_problem(
        "kmsKeyId", props.get("kmsKeyId"), "set kms_key_id to the PHI data key", "164.312(a)(2)(iv)"
    )
