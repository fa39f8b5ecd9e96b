"""AccountGuardrails: account-wide settings no single resource can switch off."""

from __future__ import annotations

from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws


@dataclass
class AccountGuardrailsArgs:
    """Inputs of AccountGuardrails."""

    ebs_key_arn: pulumi.Input[str]
    """Customer-managed KMS key that encrypts every new EBS volume by default."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for the resources that take them."""


class AccountGuardrails(pulumi.ComponentResource):
    """A strong password policy, the account-level S3 public access block, EBS encryption by default with a
    customer-managed key and an IAM Access Analyzer."""

    def __init__(
        self, name: str, args: AccountGuardrailsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("pms:security:AccountGuardrails", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        # 164.308(a)(5)(ii)(D): password management.
        self.password_policy = aws.iam.AccountPasswordPolicy(
            f"{name}-password-policy",
            minimum_password_length=14,
            password_reuse_prevention=24,
            max_password_age=90,
            require_lowercase_characters=True,
            require_uppercase_characters=True,
            require_numbers=True,
            require_symbols=True,
            allow_users_to_change_password=True,
            opts=child,
        )
        # 164.312(a)(1): no bucket in the account can be made public.
        self.public_access_block = aws.s3.AccountPublicAccessBlock(
            f"{name}-s3-public-access-block",
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        # 164.312(a)(2)(iv): every new EBS volume and snapshot is encrypted with the customer-managed key.
        self.ebs_encryption = aws.ebs.EncryptionByDefault(f"{name}-ebs-encryption", enabled=True, opts=child)
        self.ebs_default_key = aws.ebs.DefaultKmsKey(
            f"{name}-ebs-default-key", key_arn=args.ebs_key_arn, opts=child
        )
        # 164.308(a)(1)(ii)(D): review of resources shared outside the account.
        self.access_analyzer = aws.accessanalyzer.Analyzer(
            f"{name}-access-analyzer",
            analyzer_name=f"{name}-account-analyzer",
            type="ACCOUNT",
            tags=dict(args.tags),
            opts=child,
        )
        self.register_outputs({"accessAnalyzerArn": self.access_analyzer.arn})
