"""SageMaker endpoint configurations name a KMS key for the ML storage volumes of their endpoints.

AWS Config sagemaker-endpoint-configuration-kms-key-configured: NON_COMPLIANT when KmsKeyId is not specified
(its optional keyArns parameter, a list of allowed keys, is not used here).
https://docs.aws.amazon.com/config/latest/developerguide/sagemaker-endpoint-configuration-kms-key-configured.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="sagemaker-endpoint-configuration-kms-encrypted",
    title="SageMaker endpoint configurations encrypt their storage with a KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.SAGEMAKER_ENDPOINT_CONFIGURATION,),
    remediation="Set kms_key_arn to a customer-managed KMS key.",
    aws_config_rules=("sagemaker-endpoint-configuration-kms-key-configured",),
    checkov_ids=("CKV_AWS_98",),
)
def check(props, config):
    """kmsKeyArn is set."""
    value = props.get("kmsKeyArn")
    if is_opaque(value) or (isinstance(value, str) and value.strip()):
        return []
    return [f"kmsKeyArn is {shown(value)}; set kms_key_arn to a customer-managed KMS key so the endpoint's "
            "storage volumes are encrypted with it (164.312(a)(2)(iv))"]
