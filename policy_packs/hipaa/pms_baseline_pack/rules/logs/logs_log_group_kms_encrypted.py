"""CloudWatch Logs log groups are encrypted with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="logs-log-group-kms-encrypted",
    title="CloudWatch log groups are encrypted with a customer-managed KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.312(b)"),
    resource_types=(t.LOG_GROUP,),
    remediation="Set kms_key_id to the audit key from the Keyring component (its policy lets CloudWatch Logs "
    "use it for this account's log groups).",
    checkov_ids=("CKV_AWS_158",),
)
def check(props, config):
    """kmsKeyId names a customer-managed key (unset means CloudWatch Logs' own service-managed encryption)."""
    return key_problem(
        "kmsKeyId", props.get("kmsKeyId"), "set kms_key_id to the audit key", "164.312(a)(2)(iv)"
    )
