"""Secrets Manager secrets are encrypted with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="secretsmanager-secret-kms-encrypted",
    title="Secrets Manager secrets are encrypted with a customer-managed KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.308(a)(5)(ii)(D)"),
    resource_types=(t.SECRET,),
    remediation="Set kms_key_id to the secrets key from the Keyring component.",
    aws_config_rules=("secretsmanager-using-cmk",),
    checkov_ids=("CKV_AWS_149",),
)
def check(props, config):
    """kmsKeyId names a customer-managed key (unset means aws/secretsmanager)."""
    return key_problem(
        "kmsKeyId", props.get("kmsKeyId"), "set kms_key_id to the secrets key", "164.312(a)(2)(iv)"
    )
