"""RDS Performance Insights data, which can hold query text with PHI, is encrypted with a CMK."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="rds-instance-performance-insights-encrypted",
    title="RDS Performance Insights is encrypted with a customer-managed KMS key",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set performance_insights_kms_key_id to the PHI data key.",
    checkov_ids=("CKV_AWS_354",),
)
def check(props, config):
    """When Performance Insights is on, performanceInsightsKmsKeyId names a customer-managed key."""
    if props.get("performanceInsightsEnabled") is not True:
        return []
    return key_problem(
        "performanceInsightsKmsKeyId",
        props.get("performanceInsightsKmsKeyId"),
        "use PhiDatabase or set performance_insights_kms_key_id to the PHI data key",
        "164.312(a)(2)(iv)",
    )
