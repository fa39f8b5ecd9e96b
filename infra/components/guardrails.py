"""AccountGuardrails: account-wide settings no single resource can switch off, in every region of the stack."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.keyring import DELETION_WINDOW_DAYS, admin_statement, ebs_volume_statements
from pms_baseline_infra.components.regions import StackRegion, home_only


@dataclass
class AccountGuardrailsArgs:
    """Inputs of AccountGuardrails."""

    ebs_key_arn: pulumi.Input[str]
    """Customer-managed KMS key that encrypts every new EBS volume by default in the home region (the PHI key)."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for the resources that take them."""
    account_id: str = ""
    """The account; the EBS keys of other regions name it (and its Auto Scaling service-linked role)."""
    home_region: str = "us-east-1"
    """The stack's own region (aws:region)."""
    regions: Sequence[StackRegion] = ()
    """Every region EBS encryption by default and IAM Access Analyzer apply in; empty means the home region only."""
    ebs_key_dependencies: Sequence[pulumi.Resource] = ()
    """What a new EBS key's policy needs to exist first (the Auto Scaling service-linked role it names)."""


class AccountGuardrails(pulumi.ComponentResource):
    """A strong password policy and the account-level S3 public access block (global), and in every region of the
    stack EBS encryption by default with a customer-managed key and an IAM Access Analyzer."""

    ebs_keys: dict[str, pulumi.Input[str]]
    """The key EBS encryption by default uses, per region."""

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
        # 164.312(a)(1): no bucket in the account can be made public (an account-wide, not a regional, setting).
        self.public_access_block = aws.s3.AccountPublicAccessBlock(
            f"{name}-s3-public-access-block",
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        self.ebs_keys = {}
        self.access_analyzers: dict[str, aws.accessanalyzer.Analyzer] = {}
        for region in list(args.regions) or home_only(args.home_region):
            self.ebs_keys[region.name] = self._ebs_encryption(name, region, args)
            analyzer = self._access_analyzer(name, region, args)
            if analyzer is not None:
                self.access_analyzers[region.name] = analyzer
        self.register_outputs({"accessAnalyzerArns": {r: a.arn for r, a in self.access_analyzers.items()}})

    def _ebs_encryption(self, name: str, region: StackRegion, args: AccountGuardrailsArgs) -> pulumi.Input[str]:
        """164.312(a)(2)(iv): every new EBS volume and snapshot in ``region`` is encrypted with a customer-managed
        key. EBS encryption by default is a setting of one region, and a KMS key serves only its own region, so a
        region other than home gets a key of its own with the same EBS statements as the PHI key.
        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableEbsEncryptionByDefault.html"""
        opts = region.opts(self)
        key_arn: pulumi.Input[str] = args.ebs_key_arn
        if not region.home:
            scope = pulumi.get_stack() or "stack"
            policy = {
                "Version": "2012-10-17",
                "Id": f"pms-ebs-{region.name}",
                "Statement": [admin_statement(args.account_id), *ebs_volume_statements(args.account_id, region.name)],
            }
            key = aws.kms.Key(
                region.label(f"{name}-ebs"),
                **region.where(),
                description=f"pms-baseline {scope}: EBS volumes in {region.name} (customer-managed)",
                # 164.312(a)(2)(iv): rotated yearly, with the longest deletion window.
                enable_key_rotation=True,
                deletion_window_in_days=DELETION_WINDOW_DAYS,
                policy=json.dumps(policy),
                tags={**args.tags, "data-class": "phi-data"},
                opts=region.opts(self, args.ebs_key_dependencies),
            )
            aws.kms.Alias(
                region.label(f"{name}-ebs-alias"),
                **region.where(),
                name=f"alias/{name}-{scope}-ebs",
                target_key_id=key.key_id,
                opts=opts,
            )
            key_arn = key.arn
        aws.ebs.EncryptionByDefault(region.label(f"{name}-ebs-encryption"), enabled=True, opts=opts, **region.where())
        aws.ebs.DefaultKmsKey(
            region.label(f"{name}-ebs-default-key"), key_arn=key_arn, opts=opts, **region.where()
        )
        return key_arn

    def _access_analyzer(
        self, name: str, region: StackRegion, args: AccountGuardrailsArgs
    ) -> aws.accessanalyzer.Analyzer | None:
        """164.308(a)(1)(ii)(D): review of resources shared outside the account, in ``region`` (an analyzer
        covers the resources of its own region); with accessAnalyzer=adopt the existing analyzer stays in charge.
        https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html"""
        if region.access_analyzer == "adopt":
            return None
        return aws.accessanalyzer.Analyzer(
            region.label(f"{name}-access-analyzer"),
            **region.where(),
            analyzer_name=f"{name}-account-analyzer",
            type="ACCOUNT",
            tags=dict(args.tags),
            opts=region.opts(self),
        )
