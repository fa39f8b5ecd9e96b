"""SageMaker notebook instances have no direct internet access.

AWS Config sagemaker-notebook-no-direct-internet-access: NON_COMPLIANT when DirectInternetAccess is enabled.
https://docs.aws.amazon.com/config/latest/developerguide/sagemaker-notebook-no-direct-internet-access.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="sagemaker-notebook-no-direct-internet-access",
    title="SageMaker notebook instances have no direct internet access",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.SAGEMAKER_NOTEBOOK_INSTANCE,),
    remediation="Set direct_internet_access=\"Disabled\" with subnet_id and security_groups in a private subnet "
    "(reach AWS services through VPC endpoints).",
    aws_config_rules=("sagemaker-notebook-no-direct-internet-access",),
    checkov_ids=("CKV_AWS_122",),
)
def check(props, config):
    """directInternetAccess is Disabled (the API's default is Enabled)."""
    value = props.get("directInternetAccess")
    if is_opaque(value) or value == "Disabled":
        return []
    return [f"directInternetAccess is {shown(value)}; set direct_internet_access=\"Disabled\" and place the "
            "notebook in a private subnet (164.312(a)(1))"]
