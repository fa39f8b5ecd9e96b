"""The account-level S3 public access block is declared with all four settings on."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, shown

FLAGS = {
    "blockPublicAcls": "block_public_acls",
    "blockPublicPolicy": "block_public_policy",
    "ignorePublicAcls": "ignore_public_acls",
    "restrictPublicBuckets": "restrict_public_buckets",
}


@stack_rule(
    id="account-s3-public-access-blocked",
    # Account scope: the account-level public access block is one setting of the account.
    scope="account",
    title="The account blocks public access to every S3 bucket",
    severity="critical",
    citations=("164.312(a)(1)",),
    resource_types=(t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,),
    remediation="Use the AccountGuardrails component, or declare an s3 AccountPublicAccessBlock with all "
    "four settings True.",
    aws_config_rules=("s3-account-level-public-access-blocks-periodic",),
)
def check(resources, config):
    """An AccountPublicAccessBlock exists and its four flags are true."""
    blocks_ = of_type(resources, t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK)
    if not blocks_:
        return [
            Violation(
                "the stack declares no account-level S3 public access block, so a new bucket can be made "
                "public; use the AccountGuardrails component (164.312(a)(1))"
            )
        ]
    found = []
    for pab in blocks_:
        for prop, arg in FLAGS.items():
            value = pab.props.get(prop)
            if not is_opaque(value) and value is not True:
                found.append(
                    Violation(
                        f"account public access block {prop} is {shown(value)}; set {arg}=True "
                        "(164.312(a)(1))",
                        pab.urn,
                    )
                )
    return found
