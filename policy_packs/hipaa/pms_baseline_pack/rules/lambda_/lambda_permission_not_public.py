"""No Lambda permission makes a function public.

AWS Config lambda-function-public-access-prohibited: a function policy is public when its principal is empty or
contains a wildcard, and is also NON_COMPLIANT when it lets Amazon S3 invoke the function without a condition such
as AWS:SourceAccount (a bucket name can be taken over by another account). Each aws:lambda/permission:Permission
adds one statement to the function policy; this rule judges that statement.
https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-public-access-prohibited.html
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown

_CITATION = "164.312(a)(1)"


def _set(value) -> bool:
    return is_opaque(value) or (isinstance(value, str) and bool(value.strip()))


@resource_rule(
    id="lambda-permission-not-public",
    title="Lambda permissions do not make a function public",
    severity="critical",
    citations=(_CITATION, "164.308(a)(4)(ii)(B)"),
    resource_types=(t.LAMBDA_PERMISSION,),
    remediation="Name the account, role or service that may invoke the function as principal, and for "
    "s3.amazonaws.com also source_account (and source_arn) so only your bucket can invoke it.",
    aws_config_rules=("lambda-function-public-access-prohibited",),
    checkov_ids=("CKV_AWS_301", "CKV_AWS_364"),
)
def check(props, config):
    """principal is neither empty nor a wildcard; an S3 principal carries sourceAccount."""
    principal = props.get("principal")
    if is_opaque(principal):
        return []
    if not isinstance(principal, str) or not principal.strip() or "*" in principal:
        return [f"principal is {shown(principal)}, so anyone may invoke the function; name the account, role or "
                f"service that may ({_CITATION})"]
    if principal.strip() == "s3.amazonaws.com" and not _set(props.get("sourceAccount")):
        return ["principal is s3.amazonaws.com without sourceAccount, so a bucket of any account may invoke the "
                f"function; set source_account to the bucket owner's account id ({_CITATION})"]
    return []
