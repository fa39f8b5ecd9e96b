"""Kinesis data streams are encrypted at rest with KMS.

AWS Config kinesis-stream-encrypted: NON_COMPLIANT when a stream's StreamEncryption is not KMS.
https://docs.aws.amazon.com/config/latest/developerguide/kinesis-stream-encrypted.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="kinesis-stream-encrypted",
    title="Kinesis data streams are encrypted at rest",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.KINESIS_STREAM,),
    remediation="Set encryption_type=\"KMS\" and kms_key_id to a customer-managed key.",
    aws_config_rules=("kinesis-stream-encrypted",),
    checkov_ids=("CKV_AWS_43",),
)
def check(props, config):
    """encryptionType is KMS (the provider's default is NONE)."""
    value = props.get("encryptionType")
    if is_opaque(value) or (isinstance(value, str) and value.upper() == "KMS"):
        return []
    return [f"encryptionType is {shown(value)}; set encryption_type=\"KMS\" with a customer-managed kms_key_id "
            "(164.312(a)(2)(iv))"]
