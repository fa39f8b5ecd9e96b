"""SNS topics, whose alarm text may name patients' records, are encrypted with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="sns-topic-kms-encrypted",
    title="SNS topics are encrypted with a customer-managed KMS key",
    severity="medium",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.SNS_TOPIC,),
    remediation="Set kms_master_key_id to a key from the Keyring component (not alias/aws/sns, which "
    "CloudWatch alarms cannot use).",
    aws_config_rules=("sns-encrypted-kms",),
    checkov_ids=("CKV_AWS_26",),
)
def check(props, config):
    """kmsMasterKeyId names a customer-managed key."""
    return key_problem(
        "kmsMasterKeyId",
        props.get("kmsMasterKeyId"),
        "set kms_master_key_id to a customer-managed key",
        "164.312(a)(2)(iv)",
    )
