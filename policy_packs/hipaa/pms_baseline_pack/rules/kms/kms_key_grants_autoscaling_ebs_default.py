"""The EBS default KMS key lets the Auto Scaling service-linked role launch encrypted volumes."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import OPAQUE, find_key, key_index, key_label, missing_key_grants, place

SOURCE = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html"
USE = (
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
)


def autoscaling_role(account: str) -> str:
    return f"arn:aws:iam::{account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"


@stack_rule(
    id="kms-key-grants-autoscaling-ebs-default",
    title="The EBS default KMS key lets the Auto Scaling service-linked role use it",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.EBS_DEFAULT_KMS_KEY, t.KMS_KEY),
    remediation=(
        "Add key policy statements naming the role arn:aws:iam::<account>:role/aws-service-role/"
        "autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling: kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, "
        "kms:GenerateDataKey*, kms:DescribeKey, and kms:CreateGrant with kms:GrantIsForAWSResource true."
    ),
)
def check(resources, config):
    """The key the account's EBS encryption by default uses names the Auto Scaling service-linked role in its
    policy (the role's own IAM policy grants no KMS use, so a statement for the account does not suffice)."""
    index = key_index(resources)
    found = []
    for default in [r for r in resources if r.type == t.EBS_DEFAULT_KMS_KEY]:
        key = find_key(index, default.props.get("keyArn"))
        if key is None or key is OPAQUE:
            continue
        account, region = place(key)
        if not account:
            continue
        role = autoscaling_role(account)
        who = Principal.of_arn(role)
        context = {"kms:CallerAccount": account, "kms:ViaService": f"ec2.{region}.amazonaws.com"}
        missing = missing_key_grants(key, who, USE, context, delegation=False)
        grant = missing_key_grants(
            key, who, ("kms:CreateGrant",), {**context, "kms:GrantIsForAWSResource": "true"}, delegation=False
        )
        if missing is OPAQUE or grant is OPAQUE or not (missing or grant):
            continue
        found.append(
            Violation(
                f"EBS encryption by default uses key {key_label(key)}, whose policy does not let the Auto Scaling "
                f"service-linked role {role} {', '.join([*missing, *grant])}, so Auto Scaling groups cannot launch "
                "instances with encrypted volumes; name that role in the key policy with those actions "
                "(kms:CreateGrant with kms:GrantIsForAWSResource true)",
                key.urn,
            )
        )
    return found
