"""The Secrets Manager secret that holds an RDS master password is encrypted with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="rds-instance-master-secret-encrypted",
    title="RDS-managed master secrets are encrypted with a customer-managed KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.308(a)(5)(ii)(D)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set master_user_secret_kms_key_id to the secrets key.",
    aws_config_rules=("secretsmanager-using-cmk",),
)
def check(props, config):
    """When RDS manages the master password, masterUserSecretKmsKeyId names a customer-managed key."""
    if props.get("manageMasterUserPassword") is not True:
        return []
    return key_problem(
        "masterUserSecretKmsKeyId",
        props.get("masterUserSecretKmsKeyId"),
        "use PhiDatabase or set master_user_secret_kms_key_id to the secrets key",
        "164.312(a)(2)(iv)",
    )
