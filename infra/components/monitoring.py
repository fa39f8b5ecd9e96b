"""Monitoring: CIS-style alarms on the trail, GuardDuty, and AWS Config with the HIPAA managed rules."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.config_delivery import KEY_PREFIX
from pms_baseline_pack.reference import aws_config_rules


@dataclass
class MonitoringArgs:
    """Inputs of Monitoring."""

    trail_log_group_name: pulumi.Input[str]
    """The CloudWatch log group the audit trail delivers to; the metric filters read it."""
    alarm_email: str
    """Address subscribed to the alarm topic; empty for none."""
    topic_key_arn: pulumi.Input[str]
    """Customer-managed KMS key that encrypts the alarm topic."""
    config_bucket_name: pulumi.Input[str]
    """The bucket AWS Config delivers to (ConfigDelivery's; never the Object-Locked audit bucket)."""
    config_role_arn: pulumi.Input[str]
    """The role the recorder records and delivers as (ConfigDelivery's)."""
    account_id: str
    """The account monitored."""
    region: str
    """The region monitored."""
    environment: str
    """prod, staging or test."""
    enable_config_rules: bool = True
    """Create the AWS Config managed rules of the HIPAA conformance pack (baseline scope)."""
    config_ready: Sequence[pulumi.Resource] = ()
    """What the delivery channel waits for: the bucket policy and the role's policies."""
    config_role_ready: Sequence[pulumi.Resource] = ()
    """What the recorder waits for: the role's policy attachments."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""


# CIS AWS Foundations 4.x metric filters: name -> pattern on the trail's log events.
# 164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.312(b): activity and log-in review.
METRIC_FILTERS: dict[str, str] = {
    "root-account-use": (
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
        '&& $.eventType != "AwsServiceEvent" }'
    ),
    "console-signin-failures": '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',  # noqa: E501 (CIS pattern kept verbatim)
    "unauthorized-api-calls": (
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'
    ),
    "iam-policy-changes": (
        "{ ($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) "  # noqa: E501 (CIS pattern kept verbatim)
        "|| ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) "
        "|| ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) "
        "|| ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) "  # noqa: E501 (CIS pattern kept verbatim)
        "|| ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) "  # noqa: E501 (CIS pattern kept verbatim)
        "|| ($.eventName=DetachGroupPolicy) }"
    ),
    "cloudtrail-config-changes": (
        "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) "
        "|| ($.eventName = StartLogging) || ($.eventName = StopLogging) || ($.eventName = PutEventSelectors) }"  # noqa: E501 (CIS pattern kept verbatim)
    ),
    "kms-key-disabled-or-deleted": (
        "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) "
        "|| ($.eventName = ScheduleKeyDeletion)) }"
    ),
    "s3-bucket-policy-changes": (
        "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) "  # noqa: E501 (CIS pattern kept verbatim)
        "|| ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) "
        "|| ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) "
        "|| ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) "
        "|| ($.eventName = DeleteBucketReplication)) }"
    ),
    "security-group-changes": (
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) "
        "|| ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) "
        "|| ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"
    ),
    "nacl-changes": (
        "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) "
        "|| ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) "
        "|| ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"
    ),
    "route-table-changes": (
        "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) "  # noqa: E501 (CIS pattern kept verbatim)
        "|| ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) "
        "|| ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) "
        "|| ($.eventName = DisassociateRouteTable)) }"
    ),
    "vpc-changes": (
        "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) "
        "|| ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) "
        "|| ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) "
        "|| ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) "
        "|| ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"
    ),
}

METRIC_NAMESPACE = "PMS/CISBenchmark"

# The one place a Config rule name maps to its managed-rule SourceIdentifier. Names not listed here map to
# their upper snake case (``rds-storage-encrypted`` -> ``RDS_STORAGE_ENCRYPTED``).
CONFIG_SOURCE_IDENTIFIER_EXCEPTIONS: dict[str, str] = {
    "cloudtrail-enabled": "CLOUD_TRAIL_ENABLED",
    "multi-region-cloudtrail-enabled": "MULTI_REGION_CLOUD_TRAIL_ENABLED",
    "restricted-ssh": "INCOMING_SSH_DISABLED",
    "restricted-common-ports": "RESTRICTED_INCOMING_TRAFFIC",
}

# Rules whose required parameters we supply (values of the HIPAA conformance pack).
CONFIG_RULE_PARAMETERS: dict[str, dict[str, str]] = {
    "iam-customer-policy-blocked-kms-actions": {"blockedActionsPatterns": "kms:Decrypt,kms:ReEncryptFrom"},
    "iam-inline-policy-blocked-kms-actions": {"blockedActionsPatterns": "kms:Decrypt,kms:ReEncryptFrom"},
    "iam-user-unused-credentials-check": {"maxCredentialUsageAge": "90"},
    "access-keys-rotated": {"maxAccessKeyAge": "90"},
}

# Rules we cannot supply parameters for are skipped here, each with the reason. (None at present: every
# baseline-scope rule either has defaults or is parameterised above.)
CONFIG_RULES_SKIPPED: dict[str, str] = {}


def source_identifier(rule_name: str) -> str:
    """The AWS managed rule SourceIdentifier of Config rule ``rule_name``."""
    return CONFIG_SOURCE_IDENTIFIER_EXCEPTIONS.get(rule_name, rule_name.replace("-", "_").upper())


def baseline_config_rules() -> list[str]:
    """Names of the managed Config rules the baseline deploys: the reference's baseline-scope rows."""
    return sorted(
        name
        for name, scope in aws_config_rules().items()
        if scope == "baseline" and name not in CONFIG_RULES_SKIPPED
    )


class Monitoring(pulumi.ComponentResource):
    """Alarms (to an encrypted topic) on every CIS-listed change, GuardDuty, and AWS Config recording all
    resources with the HIPAA conformance pack's managed rules (164.308(a)(1)(ii)(D), 164.312(b))."""

    def __init__(self, name: str, args: MonitoringArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("pms:audit:Monitoring", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)

        # 164.312(a)(2)(iv): alarm payloads name resources and principals; the topic is encrypted with a CMK.
        self.topic = aws.sns.Topic(
            f"{name}-security-alarms",
            kms_master_key_id=args.topic_key_arn,
            tags=tags,
            opts=child,
        )
        aws.sns.TopicPolicy(
            f"{name}-security-alarms-policy",
            arn=self.topic.arn,
            policy=self.topic.arn.apply(
                lambda arn: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "AllowCloudWatchAlarms",
                                "Effect": "Allow",
                                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                                "Action": "sns:Publish",
                                "Resource": arn,
                                "Condition": {"StringEquals": {"aws:SourceAccount": args.account_id}},
                            },
                            {
                                "Sid": "DenyInsecureTransport",
                                "Effect": "Deny",
                                "Principal": "*",
                                "Action": "sns:Publish",
                                "Resource": arn,
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            },
                        ],
                    }
                )
            ),
            opts=child,
        )
        if args.alarm_email:
            aws.sns.TopicSubscription(
                f"{name}-security-alarms-email",
                topic=self.topic.arn,
                protocol="email",
                endpoint=args.alarm_email,
                opts=child,
            )

        self.alarms: dict[str, aws.cloudwatch.MetricAlarm] = {}
        for key, pattern in METRIC_FILTERS.items():
            metric = "".join(part.capitalize() for part in key.split("-"))
            aws.cloudwatch.LogMetricFilter(
                f"{name}-{key}",
                log_group_name=args.trail_log_group_name,
                pattern=pattern,
                metric_transformation={"name": metric, "namespace": METRIC_NAMESPACE, "value": "1"},
                opts=child,
            )
            # 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii): each event notifies the security contact.
            self.alarms[key] = aws.cloudwatch.MetricAlarm(
                f"{name}-{key}-alarm",
                alarm_description=f"CIS: {key.replace('-', ' ')} (164.308(a)(1)(ii)(D))",
                namespace=METRIC_NAMESPACE,
                metric_name=metric,
                statistic="Sum",
                period=300,
                evaluation_periods=1,
                threshold=1,
                comparison_operator="GreaterThanOrEqualToThreshold",
                treat_missing_data="notBreaching",
                alarm_actions=[self.topic.arn],
                tags=tags,
                opts=child,
            )

        # 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii): threat detection on account, network and S3 activity.
        self.detector = aws.guardduty.Detector(
            f"{name}-guardduty",
            enable=True,
            finding_publishing_frequency="FIFTEEN_MINUTES",
            tags=tags,
            opts=child,
        )
        aws.guardduty.DetectorFeature(
            f"{name}-guardduty-s3",
            detector_id=self.detector.id,
            name="S3_DATA_EVENTS",
            status="ENABLED",
            opts=child,
        )
        aws.guardduty.DetectorFeature(
            f"{name}-guardduty-rds",
            detector_id=self.detector.id,
            name="RDS_LOGIN_EVENTS",
            status="ENABLED",
            opts=child,
        )

        # 164.308(a)(8): continuous evaluation of the configuration between deploys. The recorder starts only
        # once its role may describe resources and deliver; the channel only once the bucket policy and the role's
        # policies exist, or PutDeliveryChannel fails (InsufficientDeliveryPolicyException).
        # https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html
        self.recorder = aws.cfg.Recorder(
            f"{name}-config-recorder",
            name=f"{name}-recorder",
            role_arn=args.config_role_arn,
            # Global resources (IAM) are recorded in the trail's home region only, to avoid duplicates.
            recording_group={"all_supported": True, "include_global_resource_types": True},
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(args.config_role_ready)),
        )
        channel = aws.cfg.DeliveryChannel(
            f"{name}-config-delivery",
            name=f"{name}-delivery",
            s3_bucket_name=args.config_bucket_name,
            s3_key_prefix=KEY_PREFIX,
            snapshot_delivery_properties={"delivery_frequency": "TwentyFour_Hours"},
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.recorder, *args.config_ready]),
        )
        self.recorder_status = aws.cfg.RecorderStatus(
            f"{name}-config-recorder-status",
            name=self.recorder.name,
            is_enabled=True,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[channel]),
        )

        self.config_rules: list[aws.cfg.Rule] = []
        if args.enable_config_rules:
            for rule_name in baseline_config_rules():
                params = CONFIG_RULE_PARAMETERS.get(rule_name)
                self.config_rules.append(
                    aws.cfg.Rule(
                        f"{name}-{rule_name}",
                        name=rule_name,
                        source={"owner": "AWS", "source_identifier": source_identifier(rule_name)},
                        input_parameters=json.dumps(params) if params else None,
                        tags=tags,
                        opts=pulumi.ResourceOptions(parent=self, depends_on=[self.recorder_status]),
                    )
                )
        self.register_outputs({"topicArn": self.topic.arn, "detectorId": self.detector.id})
