"""SageMaker notebook instances name a KMS key for their storage volume.

AWS Config sagemaker-notebook-instance-kms-key-configured: NON_COMPLIANT when KmsKeyId is not specified.
https://docs.aws.amazon.com/config/latest/developerguide/sagemaker-notebook-instance-kms-key-configured.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="sagemaker-notebook-instance-kms-encrypted",
    title="SageMaker notebook instances encrypt their storage with a KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.SAGEMAKER_NOTEBOOK_INSTANCE,),
    remediation="Set kms_key_id to a customer-managed KMS key.",
    aws_config_rules=("sagemaker-notebook-instance-kms-key-configured",),
    checkov_ids=("CKV_AWS_22",),
)
def check(props, config):
    """kmsKeyId is set."""
    value = props.get("kmsKeyId")
    if is_opaque(value) or (isinstance(value, str) and value.strip()):
        return []
    return [f"kmsKeyId is {shown(value)}; set kms_key_id to a customer-managed KMS key so the notebook's "
            "storage volume is encrypted with it (164.312(a)(2)(iv))"]
