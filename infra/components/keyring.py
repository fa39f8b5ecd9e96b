"""Keyring: one customer-managed KMS key per data class, each usable only by the AWS services that need it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from pms_baseline_pack import tokens as t

# The data classes the baseline encrypts, in the order the keys are declared.
DATA_CLASSES = ("phi-data", "backups", "audit-logs", "secrets")

# 164.312(a)(2)(iv): a key scheduled for deletion by mistake destroys every record it encrypts; the longest
# window AWS allows gives the most time to cancel.
DELETION_WINDOW_DAYS = 30

# What the account may do to administer a key. Cryptographic use is not in this list: it is granted only
# through the service-scoped statements below, so no principal can decrypt PHI outside the service that
# holds it.
ADMIN_ACTIONS = (
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
)

# What an AWS service needs to encrypt a resource on a caller's behalf (the action set of AWS's own
# service-managed key policies, e.g. aws/rds).
VIA_SERVICE_ACTIONS = (
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:CreateGrant",
    "kms:ListGrants",
    "kms:DescribeKey",
)

# AWS Backup also needs kms:RetireGrant on a vault's key, or CreateBackupVault fails.
# https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html
SERVICE_EXTRA_ACTIONS: dict[str, tuple[str, ...]] = {"backup": ("kms:RetireGrant",)}

AUTOSCALING_SERVICE = "autoscaling.amazonaws.com"


def autoscaling_role_arn(account_id: str) -> str:
    """The Auto Scaling service-linked role, which launches the instances of every Auto Scaling group (and so of
    EKS managed node groups and Batch compute environments, which run on Auto Scaling groups)."""
    return f"arn:aws:iam::{account_id}:role/aws-service-role/{AUTOSCALING_SERVICE}/AWSServiceRoleForAutoScaling"


@dataclass
class KeyringArgs:
    """Inputs of a Keyring."""

    account_id: str
    """The 12-digit account that owns the keys; its root administers them."""
    region: str
    """The region of the keys; service principals and kms:ViaService conditions name it."""
    environment: str
    """prod, staging or test."""
    trail_name: str
    """Name of the CloudTrail trail allowed to encrypt with the audit key (its ARN is the aws:SourceArn)."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every key."""
    autoscaling_service_linked_role: str = "create"
    """"create" declares AWSServiceRoleForAutoScaling before the PHI key, whose policy names it (KMS refuses a
    policy naming a role that does not exist); "adopt" when the account already has the role."""


def _root(account_id: str) -> dict[str, Any]:
    return {"AWS": f"arn:aws:iam::{account_id}:root"}


def admin_statement(account_id: str) -> dict[str, Any]:
    # 164.308(a)(4)(ii)(B): the account administers the key (so it can never become unmanageable) but
    # gets no cryptographic use from this statement.
    return {
        "Sid": "AccountAdministersKey",
        "Effect": "Allow",
        "Principal": _root(account_id),
        "Action": list(ADMIN_ACTIONS),
        "Resource": "*",
    }


def via_service_statement(
    sid: str, account_id: str, service_host: str, actions=VIA_SERVICE_ACTIONS
) -> dict[str, Any]:
    """Principals of the account may use the key, but only through one AWS service (kms:ViaService)."""
    if actions is VIA_SERVICE_ACTIONS:
        actions = (*actions, *SERVICE_EXTRA_ACTIONS.get(service_host.split(".", 1)[0], ()))
    return {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": _root(account_id),
        "Action": list(actions),
        "Resource": "*",
        "Condition": {
            "StringEquals": {"kms:ViaService": service_host, "kms:CallerAccount": account_id},
        },
    }


def _this_trail(sid: str, action: str, trail_arn: str) -> dict[str, Any]:
    """CloudTrail may perform ``action`` on the key for the one trail ``trail_arn`` (aws:SourceArn)."""
    return {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": action,
        "Resource": "*",
        "Condition": {"StringEquals": {"aws:SourceArn": trail_arn}},
    }


def ebs_volume_statements(account_id: str, region: str) -> list[dict[str, Any]]:
    """What a key that encrypts EBS volumes by default must allow: EC2 (through the service) and the Auto Scaling
    service-linked role, named directly because its own IAM policy grants no use of customer managed keys."""
    role = {"AWS": autoscaling_role_arn(account_id)}
    return [
        # 164.312(a)(2)(iv): EBS volumes (encryption by default) use this key through EC2 only.
        via_service_statement("Ec2UsesKeyForEbsVolumes", account_id, f"ec2.{region}.amazonaws.com"),
        # Without these two statements no Auto Scaling group, EKS node group or Batch compute environment can
        # launch an instance once encryption by default uses this key: the statements AWS documents, verbatim.
        # https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
        {
            "Sid": "AutoScalingServiceLinkedRoleUsesKey",
            "Effect": "Allow",
            "Principal": role,
            "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            "Resource": "*",
        },
        {
            "Sid": "AutoScalingServiceLinkedRoleAttachesVolumes",
            "Effect": "Allow",
            "Principal": role,
            "Action": "kms:CreateGrant",
            "Resource": "*",
            "Condition": {"Bool": {"kms:GrantIsForAWSResource": True}},
        },
    ]


def key_policies(account_id: str, region: str, trail_name: str) -> dict[str, dict[str, Any]]:
    """The key policy document of each data class; a pure function so tests can read it without a preview."""
    trail_arn = f"arn:aws:cloudtrail:{region}:{account_id}:trail/{trail_name}"
    admin = admin_statement(account_id)
    phi = [
        admin,
        # 164.312(a)(2)(iv): PHI at rest in RDS is encrypted with this key, usable only through RDS.
        via_service_statement("RdsUsesKeyForPhiStorage", account_id, f"rds.{region}.amazonaws.com"),
        # 164.312(a)(2)(iv): EBS encryption by default uses this key in the home region.
        *ebs_volume_statements(account_id, region),
        # 164.308(a)(7)(ii)(A): AWS Backup copies RDS snapshots, which stay encrypted with this key.
        via_service_statement(
            "BackupUsesKeyForRdsRecoveryPoints", account_id, f"backup.{region}.amazonaws.com"
        ),
    ]
    backups = [
        admin,
        # 164.308(a)(7)(ii)(A), 164.312(a)(2)(iv): the vault's recovery points, only through AWS Backup.
        via_service_statement("BackupUsesKeyForVault", account_id, f"backup.{region}.amazonaws.com"),
    ]
    audit = [
        admin,
        # 164.312(b): CloudTrail encrypts log files, for this account's one trail only.
        {
            "Sid": "CloudTrailEncryptsTrailLogs",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "kms:GenerateDataKey*",
            "Resource": "*",
            "Condition": {
                "StringEquals": {"aws:SourceArn": trail_arn},
                "StringLike": {
                    "kms:EncryptionContext:aws:cloudtrail:arn": f"arn:aws:cloudtrail:*:{account_id}:trail/*"
                },
            },
        },
        # 164.312(b): the trail's bucket uses an S3 Bucket Key with this key, and for such a bucket CloudTrail
        # needs kms:Decrypt to create or update a trail with SSE-KMS, or CreateTrail fails with
        # InsufficientEncryptionPolicyException; scoped to this trail like its other statements.
        # https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
        _this_trail("CloudTrailDecryptsForBucketKey", "kms:Decrypt", trail_arn),
        _this_trail("CloudTrailDescribesKey", "kms:DescribeKey", trail_arn),
        # 164.312(b): CloudWatch Logs encrypts this account's log groups in this region, and no others.
        {
            "Sid": "CloudWatchLogsEncryptsAccountLogGroups",
            "Effect": "Allow",
            "Principal": {"Service": f"logs.{region}.amazonaws.com"},
            "Action": [
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*",
            ],
            "Resource": "*",
            "Condition": {
                "ArnLike": {
                    "kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{region}:{account_id}:log-group:*"
                },
            },
        },
        # 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii): CloudWatch alarms publish to the KMS-encrypted alarm topic.
        {
            "Sid": "CloudWatchAlarmsPublishToEncryptedTopic",
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
        },
        # 164.308(a)(1)(ii)(D): GuardDuty findings reach the encrypted alarm topic through EventBridge, which
        # needs the topic's key. The statement AWS documents for services that publish to encrypted topics;
        # EventBridge's KMS requests carry no aws:SourceAccount or aws:SourceArn to condition on.
        # https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
        {
            "Sid": "EventBridgePublishesToEncryptedTopic",
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
        },
        # 164.308(a)(1)(ii)(D): AWS Config delivers as the recorder's role, which writes SSE-KMS objects into the
        # Config bucket (encrypted with this key) through S3; its own policy names this key. (The next statement
        # covers AWS Config's fallback, delivery as the service principal.)
        # https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html
        via_service_statement(
            "AccountEncryptsDeliveriesViaS3",
            account_id,
            f"s3.{region}.amazonaws.com",
            ("kms:Decrypt", "kms:GenerateDataKey"),
        ),
        # 164.308(a)(1)(ii)(D): AWS Config delivers configuration history to the encrypted Config bucket.
        {
            "Sid": "ConfigDeliversToEncryptedBucket",
            "Effect": "Allow",
            "Principal": {"Service": "config.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
        },
        # 164.312(b): auditors read trail logs in S3, and people of the account publish to the alarm topic,
        # only through those services.
        via_service_statement(
            "AccountReadsAuditLogsViaS3",
            account_id,
            f"s3.{region}.amazonaws.com",
            ("kms:Decrypt", "kms:DescribeKey"),
        ),
        via_service_statement(
            "AccountUsesAlarmTopicViaSns",
            account_id,
            f"sns.{region}.amazonaws.com",
            ("kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"),
        ),
    ]
    secrets = [
        admin,
        # 164.312(a)(2)(iv), 164.308(a)(5)(ii)(D): the database's master secret, only through Secrets Manager.
        via_service_statement(
            "SecretsManagerUsesKeyForSecrets", account_id, f"secretsmanager.{region}.amazonaws.com"
        ),
    ]
    return {
        name: {"Version": "2012-10-17", "Id": f"pms-{name}", "Statement": statements}
        for name, statements in zip(DATA_CLASSES, (phi, backups, audit, secrets), strict=True)
    }


class Keyring(pulumi.ComponentResource):
    """A customer-managed rotating KMS key with an alias per data class: PHI, backups, audit logs, secrets."""

    phi_key: aws.kms.Key
    backup_key: aws.kms.Key
    audit_key: aws.kms.Key
    secrets_key: aws.kms.Key
    keys: dict[str, aws.kms.Key]
    aliases: dict[str, aws.kms.Alias]

    def __init__(self, name: str, args: KeyringArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(t.PMS_KEYRING, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        policies = key_policies(args.account_id, args.region, args.trail_name)
        scope = pulumi.get_stack() or args.environment
        self.keys = {}
        self.aliases = {}
        # The PHI key's policy names the Auto Scaling service-linked role (ebs_volume_statements), and KMS refuses
        # a policy whose principal does not exist yet; "adopt" when the account already has the role (creating
        # it a second time fails).
        self.autoscaling_role: aws.iam.ServiceLinkedRole | None = None
        self.ebs_key_dependencies: list[pulumi.Resource] = []
        if args.autoscaling_service_linked_role == "create":
            self.autoscaling_role = aws.iam.ServiceLinkedRole(
                f"{name}-autoscaling-service-role", aws_service_name=AUTOSCALING_SERVICE, opts=child
            )
            self.ebs_key_dependencies.append(self.autoscaling_role)
        for data_class in DATA_CLASSES:
            key = aws.kms.Key(
                f"{name}-{data_class}",
                description=f"pms-baseline {scope}: {data_class} (customer-managed)",
                key_usage="ENCRYPT_DECRYPT",
                customer_master_key_spec="SYMMETRIC_DEFAULT",
                # 164.312(a)(2)(iv): yearly automatic rotation of the key material.
                enable_key_rotation=True,
                # 164.312(a)(2)(iv): the longest window to cancel a mistaken deletion.
                deletion_window_in_days=DELETION_WINDOW_DAYS,
                # 164.312(a)(1): each service gets only what it needs; no wildcard principal.
                policy=json.dumps(policies[data_class]),
                tags={**args.tags, "data-class": data_class},
                opts=pulumi.ResourceOptions(
                    parent=self, depends_on=self.ebs_key_dependencies if data_class == "phi-data" else []
                ),
            )
            self.keys[data_class] = key
            self.aliases[data_class] = aws.kms.Alias(
                f"{name}-{data_class}-alias",
                name=f"alias/{name}-{scope}-{data_class}",
                target_key_id=key.key_id,
                opts=child,
            )
        self.phi_key = self.keys["phi-data"]
        self.backup_key = self.keys["backups"]
        self.audit_key = self.keys["audit-logs"]
        self.secrets_key = self.keys["secrets"]
        self.register_outputs({"keyArns": {k: key.arn for k, key in self.keys.items()}})
