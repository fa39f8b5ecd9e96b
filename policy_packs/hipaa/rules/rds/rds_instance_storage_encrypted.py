"""RDS instances encrypt storage with a customer-managed key."""

from pms_baseline import tokens as t
from policy_packs.hipaa.rules import resource_rule
from pms_baseline.state import is_opaque


@resource_rule(
    id="rds-instance-storage-encrypted",
    title="RDS instance storage is encrypted with a customer-managed KMS key",
    severity="critical",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set storage_encrypted=True and kms_key_id to the PHI data key.",
    aws_config_rules=("rds-storage-encrypted",),
    checkov_ids=("CKV_AWS_16", "CKV_AWS_157"),
)
def check(props, config):
    """Storage encryption is on and names a customer-managed key."""
    encrypted = props.get("storageEncrypted")
    if is_opaque(encrypted):
        return []
    if encrypted is not True:
        return [
            f"storageEncrypted is {str(encrypted).lower() if encrypted is not None else 'unset'}; use PhiDatabase "
            "or set storage_encrypted=True with the PHI data key (164.312(a)(2)(iv))"
        ]
    if not props.get("kmsKeyId"):
        return [
            "kmsKeyId is unset, so RDS uses the AWS-managed key; set kms_key_id to the PHI data key "
            "(164.312(a)(2)(iv))"
        ]
    return []
