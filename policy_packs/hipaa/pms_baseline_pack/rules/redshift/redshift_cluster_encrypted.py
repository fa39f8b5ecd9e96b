"""Redshift clusters are encrypted at rest.

AWS Config redshift-cluster-configuration-check (clusterDbEncrypted true, the HIPAA pack's value):
NON_COMPLIANT when a cluster is not encrypted. Its loggingEnabled half is redshift-cluster-audit-logging-enabled.
https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-configuration-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="redshift-cluster-encrypted",
    title="Redshift clusters are encrypted at rest",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.REDSHIFT_CLUSTER,),
    remediation="Leave encrypted at its default (true in pulumi-aws v7) and set kms_key_id to a customer-managed "
    "key.",
    aws_config_rules=("redshift-cluster-configuration-check",),
    checkov_ids=("CKV_AWS_64",),
)
def check(props, config):
    """encrypted is not false; pulumi-aws v7 types it as a string and defaults it to true."""
    value = props.get("encrypted")
    if is_opaque(value) or value is None or value is True or str(value).strip().lower() == "true":
        return []
    return [f"encrypted is {shown(value)}; set encrypted=\"true\" with a customer-managed kms_key_id "
            "(164.312(a)(2)(iv))"]
