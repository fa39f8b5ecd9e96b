"""BackupVault: a locked, encrypted AWS Backup vault with daily and monthly rules and an off-region copy."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.keyring import DELETION_WINDOW_DAYS, admin_statement, via_service_statement
from pms_baseline_infra.components.trust import service_trust_policy
from pms_baseline_pack import tokens as t

DAILY_SCHEDULE = "cron(0 5 ? * * *)"
MONTHLY_SCHEDULE = "cron(0 5 1 * ? *)"
START_WINDOW_MINUTES = 60
COMPLETION_WINDOW_MINUTES = 360
# Compliance mode: after this grace period the lock cannot be changed or removed by anyone, root included.
LOCK_CHANGEABLE_FOR_DAYS = 3
# What AWS Config's backup-recovery-point-manual-deletion-disabled requires of a vault's access policy: one Deny of
# these actions to Principal "*" on Resource "*". PutBackupVaultAccessPolicy is among them, so the policy cannot
# be loosened in place; changing it means deleting it first (DeleteBackupVaultAccessPolicy), which Pulumi does by
# replacing the VaultPolicy resource, and which CloudTrail records.
# https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-manual-deletion-disabled.html
# https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html
DENIED_RECOVERY_POINT_ACTIONS = (
    "backup:DeleteRecoveryPoint",
    "backup:UpdateRecoveryPointLifecycle",
    "backup:PutBackupVaultAccessPolicy",
)
BACKUP_POLICY_ARNS = (
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
)


@dataclass
class BackupVaultArgs:
    """Inputs of a BackupVault."""

    backup_key_arn: pulumi.Input[str]
    """The backups key that encrypts the vault (its account is also the copy key's administrator)."""
    protected_resource_arns: list[pulumi.Input[str]]
    """ARNs the plan backs up (the PHI database)."""
    environment: str
    """prod, staging or test; prod requires a copy region."""
    daily_retention_days: int
    """How long daily recovery points are kept (also the vault lock's minimum retention)."""
    monthly_retention_days: int
    """How long monthly recovery points are kept (also the vault lock's maximum retention)."""
    copy_region: str | None = None
    """A second region that receives a copy of every recovery point; None for no copy."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""


def _account_of(arn: str) -> str:
    return arn.split(":")[4]


class BackupVault(pulumi.ComponentResource):
    """Daily and monthly backups of the protected resources in a compliance-locked vault, copied away."""

    vault: aws.backup.Vault
    vault_lock: aws.backup.VaultLockConfiguration
    plan: aws.backup.Plan
    selection: aws.backup.Selection
    role: aws.iam.Role
    copy_vault: aws.backup.Vault | None
    copy_key: aws.kms.Key | None
    copy_vault_lock: aws.backup.VaultLockConfiguration | None
    vault_policies: list[aws.backup.VaultPolicy]

    def __init__(self, name: str, args: BackupVaultArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(t.PMS_BACKUP, name, None, opts)
        if args.monthly_retention_days < args.daily_retention_days:
            raise ValueError(
                f"monthly_retention_days={args.monthly_retention_days} is shorter than "
                f"daily_retention_days={args.daily_retention_days}"
            )
        if args.environment == "prod" and not args.copy_region:
            # 164.308(a)(7)(ii)(B): production backups must survive the loss of their region.
            raise ValueError("a prod BackupVault needs copy_region (a second region for backup copies)")
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)
        scope = pulumi.get_stack() or args.environment

        # 164.312(a)(2)(iv), 164.310(d)(2)(iv): recovery points encrypted with the backups key (a CMK).
        self.vault = aws.backup.Vault(
            f"{name}-vault",
            name=f"{name}-{scope}-vault",
            kms_key_arn=args.backup_key_arn,
            tags=tags,
            opts=child,
        )
        self.vault_lock = self._lock(f"{name}-vault-lock", self.vault, args, child)
        self.vault_policies = [self._deny_manual_deletion(f"{name}-vault-policy", self.vault, child)]

        self.copy_vault = self.copy_key = self.copy_vault_lock = None
        if args.copy_region:
            provider = aws.Provider(f"{name}-copy-region", region=args.copy_region, opts=child)
            in_copy_region = pulumi.ResourceOptions(parent=self, provider=provider)
            region = args.copy_region
            policy = pulumi.Output.from_input(args.backup_key_arn).apply(
                lambda arn: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Id": "pms-backups-copy",
                        "Statement": [
                            admin_statement(_account_of(arn)),
                            # 164.308(a)(7)(ii)(A): copies, usable only through AWS Backup and RDS.
                            via_service_statement(
                                "BackupUsesKeyForCopyVault",
                                _account_of(arn),
                                f"backup.{region}.amazonaws.com",
                            ),
                            via_service_statement(
                                "RdsUsesKeyForCopiedSnapshots",
                                _account_of(arn),
                                f"rds.{region}.amazonaws.com",
                            ),
                        ],
                    }
                )
            )
            self.copy_key = aws.kms.Key(
                f"{name}-copy-key",
                description=f"pms-baseline {scope}: backup copies in {region} (customer-managed)",
                # 164.312(a)(2)(iv): rotated yearly, with the longest deletion window.
                enable_key_rotation=True,
                deletion_window_in_days=DELETION_WINDOW_DAYS,
                policy=policy,
                tags={**tags, "data-class": "backups"},
                opts=in_copy_region,
            )
            aws.kms.Alias(
                f"{name}-copy-key-alias",
                name=f"alias/{name}-{scope}-backups-copy",
                target_key_id=self.copy_key.key_id,
                opts=in_copy_region,
            )
            # 164.308(a)(7)(ii)(B): a copy of every recovery point in a second region, for disaster recovery.
            self.copy_vault = aws.backup.Vault(
                f"{name}-copy-vault",
                name=f"{name}-{scope}-copy-vault",
                kms_key_arn=self.copy_key.arn,
                tags=tags,
                opts=in_copy_region,
            )
            self.copy_vault_lock = self._lock(
                f"{name}-copy-vault-lock", self.copy_vault, args, in_copy_region
            )
            self.vault_policies.append(
                self._deny_manual_deletion(f"{name}-copy-vault-policy", self.copy_vault, in_copy_region)
            )

        def rule(rule_name: str, schedule: str, days: int) -> aws.backup.PlanRuleArgs:
            copies = []
            if self.copy_vault is not None:
                copies = [
                    aws.backup.PlanRuleCopyActionArgs(
                        destination_vault_arn=self.copy_vault.arn,
                        lifecycle=aws.backup.PlanRuleCopyActionLifecycleArgs(delete_after=days),
                    )
                ]
            return aws.backup.PlanRuleArgs(
                rule_name=rule_name,
                target_vault_name=self.vault.name,
                schedule=schedule,
                start_window=START_WINDOW_MINUTES,
                completion_window=COMPLETION_WINDOW_MINUTES,
                lifecycle=aws.backup.PlanRuleLifecycleArgs(delete_after=days),
                copy_actions=copies,
                recovery_point_tags=tags,
            )

        # 164.308(a)(7)(ii)(A): a daily backup kept for the daily retention and a monthly one kept for the
        # long retention (six years in prod, 164.316(b)(2)(i)).
        self.plan = aws.backup.Plan(
            f"{name}-plan",
            name=f"{name}-{scope}-plan",
            rules=[
                rule("daily", DAILY_SCHEDULE, args.daily_retention_days),
                rule("monthly", MONTHLY_SCHEDULE, args.monthly_retention_days),
            ],
            tags=tags,
            opts=child,
        )

        self.role = aws.iam.Role(
            f"{name}-backup-role",
            assume_role_policy=service_trust_policy("backup.amazonaws.com"),
            tags=tags,
            opts=child,
        )
        # 164.308(a)(4)(ii)(B): the AWS managed backup and restore policies, nothing else.
        attachments = [
            aws.iam.RolePolicyAttachment(
                f"{name}-backup-role-{arn.rsplit('For', 1)[-1].lower()}",
                role=self.role.name,
                policy_arn=arn,
                opts=child,
            )
            for arn in BACKUP_POLICY_ARNS
        ]
        # 164.308(a)(7)(ii)(A): the plan covers every protected resource (the PHI database).
        self.selection = aws.backup.Selection(
            f"{name}-selection",
            name=f"{name}-{scope}-phi",
            plan_id=self.plan.id,
            iam_role_arn=self.role.arn,
            resources=args.protected_resource_arns,
            opts=pulumi.ResourceOptions(parent=self, depends_on=attachments),
        )
        self.register_outputs(
            {
                "vaultArn": self.vault.arn,
                "planId": self.plan.id,
                "copyVaultArn": self.copy_vault.arn if self.copy_vault is not None else None,
            }
        )

    @staticmethod
    def _deny_manual_deletion(
        resource_name: str, vault: aws.backup.Vault, opts: pulumi.ResourceOptions
    ) -> aws.backup.VaultPolicy:
        # 164.308(a)(7)(ii)(A), 164.312(c)(1): nobody deletes a recovery point or shortens its life by hand; the
        # lock enforces the retention, this policy makes the attempt fail and AWS Config's rule pass.
        return aws.backup.VaultPolicy(
            resource_name,
            backup_vault_name=vault.name,
            policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "DenyManualRecoveryPointDeletion",
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": list(DENIED_RECOVERY_POINT_ACTIONS),
                            "Resource": "*",
                        }
                    ],
                }
            ),
            opts=opts,
        )

    @staticmethod
    def _lock(
        resource_name: str, vault: aws.backup.Vault, args: BackupVaultArgs, opts: pulumi.ResourceOptions
    ) -> aws.backup.VaultLockConfiguration:
        # 164.308(a)(7)(ii)(A), 164.312(c)(1): compliance mode (changeable_for_days set): once the grace
        # period ends nobody, root included, can delete a recovery point early or unlock the vault. The
        # bounds admit exactly the plan's retentions.
        return aws.backup.VaultLockConfiguration(
            resource_name,
            backup_vault_name=vault.name,
            changeable_for_days=LOCK_CHANGEABLE_FOR_DAYS,
            min_retention_days=args.daily_retention_days,
            max_retention_days=args.monthly_retention_days,
            opts=opts,
        )
