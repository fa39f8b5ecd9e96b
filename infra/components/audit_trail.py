"""AuditTrail: a multi-region, validated, KMS-encrypted CloudTrail trail with an Object-Locked bucket."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.trust import managed_role_policy, service_trust_policy

# 164.316(b)(2)(i): documentation (the audit records that prove the controls) is kept six years.
PROD_OBJECT_LOCK_FLOOR_DAYS = 2190
AUDIT_LOGS_ROLE = "audit-logs"
"""The pms-role tag of the audit trail's (Object-Locked) bucket."""


@dataclass
class AuditTrailArgs:
    """Inputs of an AuditTrail."""

    trail_name: str
    """The trail's name, fixed up front so key and bucket policies can name its ARN."""
    account_id: str
    """The account the trail lives in."""
    region: str
    """The trail's home region."""
    audit_key_arn: pulumi.Input[str]
    """The audit-logs KMS key: encrypts the trail, its bucket and its log group."""
    environment: str
    """prod, staging or test; prod refuses an Object Lock retention below 2,190 days."""
    object_lock_days: int
    """Default COMPLIANCE-mode retention of every log object, in days."""
    log_retention_days: int
    """Retention of the CloudWatch log group the trail delivers to."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""
    data_event_bucket_arns: Sequence[pulumi.Input[str]] = ()
    """Buckets holding PHI whose object-level reads and writes are recorded as S3 data events."""


def tls_only_statement(bucket_arn: str) -> dict:
    """164.312(e)(1): the bucket policy statement that refuses any request made without TLS."""
    return {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket_arn, f"{bucket_arn}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


LOG_BUCKET_RETENTION_DAYS = 2190
"""Six years (164.316(b)(2)(i)): how long log-delivery buckets (S3 access logs, ALB logs) keep their logs."""

# S3 transitions no object smaller than 128 KB unless a lifecycle configuration says otherwise; the baseline keeps
# that default on purpose, stated rather than implied: a small log file (S3 access logs, CloudTrail digests, a
# quiet hour's trail log) costs more in an archive class, which bills at least 40 KB of overhead per object,
# than in S3 Standard. Such objects stay in Standard until they expire (or, under Object Lock, for good).
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
TRANSITION_MINIMUM_OBJECT_SIZE = "all_storage_classes_128K"


def log_bucket_lifecycle(name: str, bucket: aws.s3.Bucket, opts: pulumi.ResourceOptions) -> None:
    """The lifecycle of a log-delivery bucket: objects of 128 KB or more move to archive storage after 90 days
    (smaller ones stay in S3 Standard, see TRANSITION_MINIMUM_OBJECT_SIZE), every object expires after six
    years, superseded versions after 30 days and failed uploads after 7 (no Object Lock here: these logs are about
    access, the audit trail itself is locked)."""
    aws.s3.BucketLifecycleConfiguration(
        f"{name}-lifecycle",
        bucket=bucket.id,
        transition_default_minimum_object_size=TRANSITION_MINIMUM_OBJECT_SIZE,
        rules=[
            {
                "id": "archive-then-expire",
                "status": "Enabled",
                "filter": {},  # every object
                "transitions": [{"days": 90, "storage_class": "GLACIER"}],
                "expiration": {"days": LOG_BUCKET_RETENTION_DAYS},
                "noncurrent_version_expiration": {"noncurrent_days": 30},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
        opts=opts,
    )


def harden_bucket(
    name: str,
    bucket: aws.s3.Bucket,
    opts: pulumi.ResourceOptions,
    kms_key_arn: pulumi.Input[str] | None,
) -> None:
    """Versioning, default encryption (SSE-KMS with bucket keys, or SSE-S3 when no key), public access block
    and BucketOwnerEnforced ownership on ``bucket``."""
    # 164.312(c)(1): versions protect log objects against alteration.
    aws.s3.BucketVersioning(
        f"{name}-versioning",
        bucket=bucket.id,
        versioning_configuration={"status": "Enabled"},
        opts=opts,
    )
    # 164.312(a)(2)(iv): encryption at rest.
    if kms_key_arn is not None:
        default = {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key_arn}
        rule = {"apply_server_side_encryption_by_default": default, "bucket_key_enabled": True}
    else:
        rule = {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}
    aws.s3.BucketServerSideEncryptionConfiguration(f"{name}-sse", bucket=bucket.id, rules=[rule], opts=opts)
    # 164.312(a)(1): no public access by ACL or policy.
    aws.s3.BucketPublicAccessBlock(
        f"{name}-public-access-block",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
        opts=opts,
    )
    # 164.312(a)(1): ACLs disabled; the policy alone decides access.
    aws.s3.BucketOwnershipControls(
        f"{name}-ownership",
        bucket=bucket.id,
        rule={"object_ownership": "BucketOwnerEnforced"},
        opts=opts,
    )


class AuditTrail(pulumi.ComponentResource):
    """A trail recording every region's management events (read and write) and PHI buckets' data events, into
    an Object-Locked (COMPLIANCE) bucket and an encrypted log group (164.312(b), 164.316(b)(2)(i))."""

    trail: aws.cloudtrail.Trail
    bucket: aws.s3.Bucket
    access_log_bucket: aws.s3.Bucket
    log_group: aws.cloudwatch.LogGroup
    cloudwatch_role: aws.iam.Role

    def __init__(self, name: str, args: AuditTrailArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("pms:audit:AuditTrail", name, None, opts)
        if args.environment == "prod" and args.object_lock_days < PROD_OBJECT_LOCK_FLOOR_DAYS:
            raise ValueError(
                f"object_lock_days is {args.object_lock_days}; prod audit logs must be locked at least "
                f"{PROD_OBJECT_LOCK_FLOOR_DAYS} days (164.316(b)(2)(i))"
            )
        if args.object_lock_days < 1:
            raise ValueError(f"object_lock_days is {args.object_lock_days}; it must be at least 1")
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)
        trail_arn = f"arn:aws:cloudtrail:{args.region}:{args.account_id}:trail/{args.trail_name}"

        # Server access logs of the trail bucket go to their own bucket, so reads of the audit logs are
        # logged.
        # S3 server access logging delivers only into SSE-S3 buckets; the role tag tells the pack so.
        self.access_log_bucket = aws.s3.Bucket(
            f"{name}-audit-access-logs", tags={**tags, "pms-role": "access-logs"}, opts=child
        )
        harden_bucket(f"{name}-audit-access-logs", self.access_log_bucket, child, None)
        log_bucket_lifecycle(f"{name}-audit-access-logs", self.access_log_bucket, child)
        aws.s3.BucketPolicy(
            f"{name}-audit-access-logs-policy",
            bucket=self.access_log_bucket.id,
            policy=self.access_log_bucket.arn.apply(
                lambda arn: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            tls_only_statement(arn),
                            {
                                "Sid": "AllowServerAccessLogDelivery",
                                "Effect": "Allow",
                                "Principal": {"Service": "logging.s3.amazonaws.com"},
                                "Action": "s3:PutObject",
                                "Resource": f"{arn}/*",
                                "Condition": {"StringEquals": {"aws:SourceAccount": args.account_id}},
                            },
                        ],
                    }
                )
            ),
            opts=child,
        )

        # 164.312(c)(1), 164.316(b)(2)(i): Object Lock can only be enabled when the bucket is created.
        # The role tag scopes AWS Config's s3-bucket-default-lock-enabled to this bucket (config_rules.py).
        self.bucket = aws.s3.Bucket(
            f"{name}-audit", object_lock_enabled=True, tags={**tags, "pms-role": AUDIT_LOGS_ROLE}, opts=child
        )
        harden_bucket(f"{name}-audit", self.bucket, child, args.audit_key_arn)
        # 164.316(b)(2)(i): COMPLIANCE mode: nobody, root included, can delete or shorten before the
        # retention ends.
        aws.s3.BucketObjectLockConfiguration(
            f"{name}-audit-object-lock",
            bucket=self.bucket.id,
            object_lock_enabled="Enabled",
            rule={"default_retention": {"mode": "COMPLIANCE", "days": args.object_lock_days}},
            opts=child,
        )
        # 164.312(b): reads of the audit logs are themselves recorded.
        aws.s3.BucketLogging(
            f"{name}-audit-logging",
            bucket=self.bucket.id,
            target_bucket=self.access_log_bucket.id,
            target_prefix="audit/",
            opts=child,
        )
        # 164.316(b)(2)(i): log files move to archive storage after 90 days and to deep archive after a year;
        # nothing expires. CloudTrail writes every log and digest file once, so they are current versions: the
        # transitions apply to current versions (and to any superseded version alike). Object Lock protection
        # holds in every storage class and through lifecycle transitions. Objects under 128 KB stay in S3
        # Standard (TRANSITION_MINIMUM_OBJECT_SIZE).
        # https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
        # https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
        aws.s3.BucketLifecycleConfiguration(
            f"{name}-audit-lifecycle",
            bucket=self.bucket.id,
            transition_default_minimum_object_size=TRANSITION_MINIMUM_OBJECT_SIZE,
            rules=[
                {
                    "id": "archive-log-files",
                    "status": "Enabled",
                    "filter": {},  # every object
                    "transitions": [
                        {"days": 90, "storage_class": "GLACIER"},
                        {"days": 365, "storage_class": "DEEP_ARCHIVE"},
                    ],
                    "noncurrent_version_transitions": [
                        {"noncurrent_days": 90, "storage_class": "GLACIER"},
                        {"noncurrent_days": 365, "storage_class": "DEEP_ARCHIVE"},
                    ],
                    # Uploads CloudTrail never completed hold no record; they go after a week.
                    "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
                }
            ],
            opts=child,
        )

        def bucket_policy(arn: str) -> str:
            return json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        tls_only_statement(arn),
                        {
                            "Sid": "CloudTrailAclCheck",
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudtrail.amazonaws.com"},
                            "Action": "s3:GetBucketAcl",
                            "Resource": arn,
                            "Condition": {"StringEquals": {"aws:SourceArn": trail_arn}},
                        },
                        {
                            # 164.312(b): only this trail writes; the owner keeps every object.
                            "Sid": "CloudTrailWrite",
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudtrail.amazonaws.com"},
                            "Action": "s3:PutObject",
                            "Resource": f"{arn}/AWSLogs/{args.account_id}/*",
                            "Condition": {
                                "StringEquals": {
                                    "aws:SourceArn": trail_arn,
                                    "s3:x-amz-acl": "bucket-owner-full-control",
                                }
                            },
                        },
                    ],
                }
            )

        policy = aws.s3.BucketPolicy(
            f"{name}-audit-policy",
            bucket=self.bucket.id,
            policy=self.bucket.arn.apply(bucket_policy),
            opts=child,
        )

        # 164.312(b), 164.308(a)(1)(ii)(D): the trail also streams to CloudWatch Logs for alarms.
        self.log_group = aws.cloudwatch.LogGroup(
            f"{name}-trail-logs",
            name=f"/aws/cloudtrail/{args.trail_name}",
            kms_key_id=args.audit_key_arn,
            retention_in_days=args.log_retention_days,
            tags=tags,
            opts=child,
        )
        # The trust policy AWS documents for this role names the service and nothing else: CloudTrail supports
        # neither aws:SourceArn nor aws:SourceAccount for the CloudWatch Logs role ("confused deputy prevention
        # is not applicable"), so a condition on either would only risk the trail's delivery.
        # https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
        # https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cw_role_policy.html
        self.cloudwatch_role = aws.iam.Role(
            f"{name}-trail-logs-role",
            assume_role_policy=service_trust_policy("cloudtrail.amazonaws.com"),
            tags=tags,
            opts=child,
        )
        # Least privilege: the role can write only to this trail's log group (a managed policy, never inline).
        role_policy = managed_role_policy(
            f"{name}-trail-logs-role-policy",
            self.cloudwatch_role,
            "CloudTrail: write this trail's events to its CloudWatch Logs log group",
            self.log_group.arn.apply(
                lambda arn: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                                "Resource": f"{arn}:log-stream:*",
                            }
                        ],
                    }
                )
            ),
            child,
            tags,
        )

        selectors = [
            {
                "name": "management-events",
                "field_selectors": [{"field": "eventCategory", "equals": ["Management"]}],
            }
        ]
        # 164.312(b): object-level access (reads and writes) to S3 is recorded. The PMS application keeps its
        # PHI documents (scanned cards, statements) in buckets of its own stack, so by default every bucket of
        # the account is covered except the audit buckets themselves, whose writes would otherwise log
        # themselves without end; data_event_bucket_arns narrows the selector to named PHI buckets.
        if args.data_event_bucket_arns:
            arn_selector = {
                "field": "resources.ARN",
                "starts_withs": [
                    pulumi.Output.from_input(a).apply(lambda v: f"{v}/") for a in args.data_event_bucket_arns
                ],
            }
        else:
            arn_selector = {
                "field": "resources.ARN",
                "not_starts_withs": [
                    self.bucket.arn.apply(lambda v: f"{v}/"),
                    self.access_log_bucket.arn.apply(lambda v: f"{v}/"),
                ],
            }
        selectors.append(
            {
                "name": "s3-data-events",
                "field_selectors": [
                    {"field": "eventCategory", "equals": ["Data"]},
                    {"field": "resources.type", "equals": ["AWS::S3::Object"]},
                    arn_selector,
                ],
            }
        )
        self.trail = aws.cloudtrail.Trail(
            f"{name}-trail",
            name=args.trail_name,
            s3_bucket_name=self.bucket.bucket,
            # 164.312(b): every region and the global services (IAM, STS, CloudFront) are recorded.
            is_multi_region_trail=True,
            include_global_service_events=True,
            # 164.312(c)(2): digest files prove the logs were not altered.
            enable_log_file_validation=True,
            # 164.312(a)(2)(iv): log files encrypted with the audit key.
            kms_key_id=args.audit_key_arn,
            enable_logging=True,
            cloud_watch_logs_group_arn=self.log_group.arn.apply(lambda arn: f"{arn}:*"),
            cloud_watch_logs_role_arn=self.cloudwatch_role.arn,
            # Advanced selectors: management events read and write (no readOnly filter) plus PHI data events.
            advanced_event_selectors=selectors,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[policy, role_policy]),
        )
        self.register_outputs(
            {
                "trailArn": self.trail.arn,
                "bucketName": self.bucket.bucket,
                "logGroupName": self.log_group.name,
            }
        )
