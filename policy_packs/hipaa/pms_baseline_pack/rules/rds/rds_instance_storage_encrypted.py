"""RDS instances encrypt storage with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem, shown


@resource_rule(
    id="rds-instance-storage-encrypted",
    title="RDS instance storage is encrypted with a customer-managed KMS key",
    severity="critical",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set storage_encrypted=True and kms_key_id to the PHI "
    "data key.",
    aws_config_rules=("rds-storage-encrypted",),
    checkov_ids=("CKV_AWS_16",),
)
def check(props, config):
    """Storage encryption is on and names a customer-managed key."""
    encrypted = props.get("storageEncrypted")
    if is_opaque(encrypted):
        return []
    if encrypted is not True:
        return [
            f"storageEncrypted is {shown(encrypted)}; use PhiDatabase or set storage_encrypted=True with "
            "the PHI data key (164.312(a)(2)(iv))"
        ]
    return key_problem(
        "kmsKeyId", props.get("kmsKeyId"), "set kms_key_id to the PHI data key", "164.312(a)(2)(iv)"
    )
