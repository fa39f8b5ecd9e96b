"""EFS file systems are encrypted at rest.

AWS Config efs-encrypted-check: NON_COMPLIANT when a file system is not encrypted (the rule's optional KmsKeyId
parameter is not used here; the CMK requirement is checkov's CKV_AWS_184, a stricter check).
https://docs.aws.amazon.com/config/latest/developerguide/efs-encrypted-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="efs-file-system-encrypted",
    title="EFS file systems are encrypted at rest",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.EFS_FILE_SYSTEM,),
    remediation="Set encrypted=True and kms_key_id to a customer-managed key (a file system cannot be encrypted "
    "after creation: create an encrypted one and copy the data).",
    aws_config_rules=("efs-encrypted-check",),
    checkov_ids=("CKV_AWS_42",),
)
def check(props, config):
    """encrypted is true (the API's default is false)."""
    value = props.get("encrypted")
    if is_opaque(value) or value is True:
        return []
    return [f"encrypted is {shown(value)}; set encrypted=True with a customer-managed kms_key_id "
            "(164.312(a)(2)(iv))"]
