"""ConfigDelivery: the bucket AWS Config delivers configuration history to, and the role it records and delivers as."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.audit_trail import harden_bucket, log_bucket_lifecycle, tls_only_statement
from pms_baseline_infra.components.trust import managed_role_policy, service_trust_policy

# Where in the bucket every region's recorder delivers (<prefix>/AWSLogs/<account>/Config/<region>/...).
KEY_PREFIX = "config"
CONFIG_SERVICE = "config.amazonaws.com"
AWS_CONFIG_ROLE_POLICY = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"


@dataclass
class ConfigDeliveryArgs:
    """Inputs of ConfigDelivery."""

    account_id: str
    """The account whose configuration is recorded (and who owns the bucket)."""
    key_arn: pulumi.Input[str]
    """The audit-logs KMS key: encrypts the configuration history at rest."""
    access_log_bucket: pulumi.Input[str]
    """The bucket that receives S3 server access logs (AuditTrail's); reads of the history are logged there."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""


def delivery_policy(bucket_arn: str, key_arn: str, account_id: str) -> dict:
    """What the recorder's role needs to deliver: AWS Config writes as that role in its own account, so the role,
    not only the bucket policy, must allow the writes, and S3 encrypts them with the key on the role's behalf.
    https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html
    https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html"""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DeliverConfigurationHistory",
                "Effect": "Allow",
                "Action": "s3:PutObject",
                "Resource": f"{bucket_arn}/{KEY_PREFIX}/AWSLogs/{account_id}/*",
                "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
            },
            {
                "Sid": "CheckDeliveryBucket",
                "Effect": "Allow",
                "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
                "Resource": bucket_arn,
            },
            {
                "Sid": "EncryptDeliveries",
                "Effect": "Allow",
                "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                "Resource": key_arn,
            },
        ],
    }


def bucket_policy(bucket_arn: str, account_id: str) -> dict:
    """TLS only, and AWS Config's service principal may deliver for this account: the path AWS Config falls back to
    when a delivery as the role fails.
    https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html"""
    only_this_account = {"StringEquals": {"aws:SourceAccount": account_id}}
    return {
        "Version": "2012-10-17",
        "Statement": [
            tls_only_statement(bucket_arn),
            {
                "Sid": "ConfigAclCheck",
                "Effect": "Allow",
                "Principal": {"Service": CONFIG_SERVICE},
                "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
                "Resource": bucket_arn,
                "Condition": only_this_account,
            },
            {
                "Sid": "ConfigWrite",
                "Effect": "Allow",
                "Principal": {"Service": CONFIG_SERVICE},
                "Action": "s3:PutObject",
                "Resource": f"{bucket_arn}/{KEY_PREFIX}/AWSLogs/{account_id}/Config/*",
                "Condition": {
                    "StringEquals": {
                        "aws:SourceAccount": account_id,
                        "s3:x-amz-acl": "bucket-owner-full-control",
                    }
                },
            },
        ],
    }


class ConfigDelivery(pulumi.ComponentResource):
    """An encrypted, TLS-only, versioned, access-logged bucket that keeps configuration history six years, without
    Object Lock (AWS Config does not deliver to an Object-Locked bucket), and the recorder's role with exactly
    what delivery needs (164.308(a)(1)(ii)(D), 164.312(b))."""

    bucket: aws.s3.Bucket
    role: aws.iam.Role
    ready: list[pulumi.Resource]
    """What a delivery channel must wait for: the bucket policy and the role's policies."""
    role_ready: list[pulumi.Resource]
    """What a configuration recorder must wait for: the role's policies."""

    def __init__(self, name: str, args: ConfigDeliveryArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("pms:audit:ConfigDelivery", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)

        # AWS Config does not support a delivery channel to a bucket with Object Lock enabled, so configuration
        # history has a bucket of its own rather than the audit trail's.
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-config-deliverychannel.html
        self.bucket = aws.s3.Bucket(
            f"{name}-config-history", tags={**tags, "pms-role": "config-history"}, opts=child
        )
        # 164.312(a)(2)(iv), 164.312(c)(1): SSE-KMS with the audit key, versions, no public access, no ACLs.
        harden_bucket(f"{name}-config-history", self.bucket, child, args.key_arn)
        # 164.316(b)(2)(i): kept six years, archived after 90 days.
        log_bucket_lifecycle(f"{name}-config-history", self.bucket, child)
        # 164.312(b): reads of the configuration history are logged too.
        aws.s3.BucketLogging(
            f"{name}-config-history-logging",
            bucket=self.bucket.id,
            target_bucket=args.access_log_bucket,
            target_prefix="config-history/",
            opts=child,
        )
        policy = aws.s3.BucketPolicy(
            f"{name}-config-history-policy",
            bucket=self.bucket.id,
            policy=self.bucket.arn.apply(lambda arn: json.dumps(bucket_policy(arn, args.account_id))),
            opts=child,
        )

        # 164.308(a)(8): the role every region's recorder records and delivers as; only Config of this account
        # may assume it.
        # https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html
        self.role = aws.iam.Role(
            f"{name}-config-role",
            assume_role_policy=service_trust_policy(
                CONFIG_SERVICE, {"StringEquals": {"aws:SourceAccount": args.account_id}}
            ),
            tags=tags,
            opts=child,
        )
        describe = aws.iam.RolePolicyAttachment(
            f"{name}-config-role-managed",
            role=self.role.name,
            policy_arn=AWS_CONFIG_ROLE_POLICY,
            opts=child,
        )
        deliver_attachment = managed_role_policy(
            f"{name}-config-role-delivery",
            self.role,
            "AWS Config: deliver configuration history to its bucket, encrypted with the audit key",
            pulumi.Output.all(self.bucket.arn, args.key_arn).apply(
                lambda parts: json.dumps(delivery_policy(parts[0], parts[1], args.account_id))
            ),
            child,
            tags,
        )
        self.role_ready = [describe, deliver_attachment]
        self.ready = [policy, *self.role_ready]
        self.register_outputs({"bucketName": self.bucket.bucket, "roleArn": self.role.arn})
