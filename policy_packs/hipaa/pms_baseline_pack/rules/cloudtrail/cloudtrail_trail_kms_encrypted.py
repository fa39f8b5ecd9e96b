"""CloudTrail trails encrypt their log files with a customer-managed KMS key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="cloudtrail-trail-kms-encrypted",
    title="CloudTrail log files are encrypted with a customer-managed KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.312(b)"),
    resource_types=(t.CLOUDTRAIL,),
    remediation="Use the AuditTrail component, or set kms_key_id to the audit-logs key.",
    aws_config_rules=("cloud-trail-encryption-enabled",),
    checkov_ids=("CKV_AWS_35",),
)
def check(props, config):
    """kmsKeyId names a customer-managed key."""
    ref = props.get("kmsKeyId")
    if is_opaque(ref):
        return []
    if not isinstance(ref, str) or not ref.strip():
        return [
            "kmsKeyId is unset, so log files get only S3-managed encryption; use AuditTrail or set "
            "kms_key_id to the audit-logs key (164.312(a)(2)(iv))"
        ]
    return key_problem(
        "kmsKeyId", ref, "use AuditTrail or set kms_key_id to the audit-logs key", "164.312(a)(2)(iv)"
    )
