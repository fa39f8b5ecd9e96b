"""New EBS volumes in the account are encrypted by default with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import is_customer_managed_key, of_type, shown


@stack_rule(
    id="account-ebs-encryption-by-default-enabled",
    # Account scope: EBS encryption by default and its key are settings of the account in a Region.
    scope="account",
    title="EBS encryption by default is on, with a customer-managed key",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.EBS_ENCRYPTION_BY_DEFAULT, t.EBS_DEFAULT_KMS_KEY),
    remediation="Use the AccountGuardrails component, or declare an ebs EncryptionByDefault (enabled=True) "
    "and an ebs DefaultKmsKey with the PHI key's ARN.",
    aws_config_rules=("ec2-ebs-encryption-by-default",),
    checkov_ids=("CKV_AWS_106",),
)
def check(resources, config):
    """EncryptionByDefault is not disabled, and a DefaultKmsKey names a customer-managed key."""
    found = []
    settings = of_type(resources, t.EBS_ENCRYPTION_BY_DEFAULT)
    if not settings:
        found.append(
            Violation(
                "the stack declares no EBS encryption by default, so a new volume may be unencrypted; use "
                "the AccountGuardrails component (164.312(a)(2)(iv))"
            )
        )
    for setting in settings:
        if setting.props.get("enabled") is False:
            found.append(
                Violation(
                    "EBS encryption by default has enabled false; set enabled=True (164.312(a)(2)(iv))",
                    setting.urn,
                )
            )
    keys = of_type(resources, t.EBS_DEFAULT_KMS_KEY)
    if not keys:
        found.append(
            Violation(
                "the stack declares no EBS default KMS key, so default encryption uses the AWS-managed "
                "aws/ebs key; declare a DefaultKmsKey with the PHI key's ARN (164.312(a)(2)(iv))"
            )
        )
    for key in keys:
        ref = key.props.get("keyArn")
        if is_customer_managed_key(ref) is False and not is_opaque(ref):
            found.append(
                Violation(
                    f"EBS default KMS key keyArn is {shown(ref)}, not a customer-managed key; set key_arn "
                    "to the PHI key's ARN (164.312(a)(2)(iv))",
                    key.urn,
                )
            )
    return found
