"""No SSM document the stack owns is shared with every AWS account.

AWS Config ssm-document-not-public: NON_COMPLIANT when a document owned by the account is public (shared with
"All"). aws:ssm/document:Document shares a document through permissions {type: Share, account_ids: ...}.
https://docs.aws.amazon.com/config/latest/developerguide/ssm-document-not-public.html
https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="ssm-document-not-public",
    title="SSM documents are not shared publicly",
    severity="high",
    citations=("164.312(a)(1)",),
    resource_types=(t.SSM_DOCUMENT,),
    remediation="Share the document with named account ids only (permissions account_ids \"111122223333,...\"), "
    "or not at all.",
    aws_config_rules=("ssm-document-not-public",),
    checkov_ids=("CKV_AWS_303",),
)
def check(props, config):
    """permissions' account ids do not include All."""
    permissions = props.get("permissions")
    if not isinstance(permissions, dict):
        return []
    accounts = permissions.get("account_ids", permissions.get("accountIds"))
    if is_opaque(accounts) or not isinstance(accounts, str):
        return []
    if "all" not in {a.strip().lower() for a in accounts.split(",")}:
        return []
    return ["permissions account_ids is All, so every AWS account can read and run the document; share it with "
            "named account ids only (164.312(a)(1))"]
