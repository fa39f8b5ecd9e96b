"""Monitoring: CIS-style alarms on the trail, GuardDuty and its findings routed to the alarm topic, and AWS Config
with the HIPAA managed rules, in every region of the stack."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.config_delivery import KEY_PREFIX
from pms_baseline_infra.components.config_rules import (
    CONFIG_RULE_SCOPES,
    ConfigRuleDesign,
    baseline_config_rules,
    rule_parameters,
    source_identifier,
)
from pms_baseline_infra.components.regions import StackRegion, home_of, home_only
from pms_baseline_infra.components.trust import managed_role_policy, service_trust_policy


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
    config_rule_design: ConfigRuleDesign = field(default_factory=ConfigRuleDesign)
    """What the stack's deployed Config rules say about its design (retention, Multi-AZ, internet-facing VPCs
    and route tables)."""
    regions: Sequence[StackRegion] = ()
    """Every region GuardDuty and the Config recorder run in, and whether each is created or adopted there; empty
    means the home region only, creating both."""
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
    # CIS 4.12 (Security Hub CloudWatch.12), the pattern as the control gives it: internet and customer gateways
    # created, deleted, attached or detached open or close the VPC's border.
    # https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-12
    "network-gateway-changes": (
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) "
        "|| ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) "
        "|| ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"
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

# Every GuardDuty finding, as GuardDuty publishes it to EventBridge.
# https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-guardduty.html
FINDINGS_PATTERN = {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"]}


def home_bus_arn(region: str, account_id: str) -> str:
    """The default event bus of the home region, where findings of every region meet."""
    return f"arn:aws:events:{region}:{account_id}:event-bus/default"


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
        self.topic_policy = aws.sns.TopicPolicy(
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
                                # GuardDuty findings, through EventBridge. AWS documents this statement without
                                # a condition: EventBridge does not support one in topic policies.
                                # https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
                                "Sid": "AllowEventBridgeFindings",
                                "Effect": "Allow",
                                "Principal": {"Service": "events.amazonaws.com"},
                                "Action": "sns:Publish",
                                "Resource": arn,
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
                # AWS Config's cloudwatch-alarm-action-check, deployed with its defaults, also requires an
                # INSUFFICIENT_DATA action: an alarm whose metric stops arriving tells someone too.
                # https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-alarm-action-check.html
                insufficient_data_actions=[self.topic.arn],
                tags=tags,
                opts=child,
            )

        regions = list(args.regions) or home_only(args.region)
        home = home_of(regions)
        # GuardDuty findings from other regions travel to the home region's default event bus, where one rule
        # sends every finding to the alarm topic.
        forwarder = self._findings_forwarding_role(name, home, args) if len(regions) > 1 else None
        self.detectors: dict[str, aws.guardduty.Detector] = {}
        self.recorder_statuses: dict[str, aws.cfg.RecorderStatus] = {}
        for region in regions:
            detector = self._guard_duty(name, region, tags)
            if detector is not None:
                self.detectors[region.name] = detector
            self._route_findings(name, region, home, forwarder, args, tags)
            status = self._config_recorder(name, region, args)
            if status is not None:
                self.recorder_statuses[region.name] = status
        self.detector = self.detectors.get(home.name)
        self.recorder_status = self.recorder_statuses.get(home.name)

        self.config_rules: list[aws.cfg.Rule] = []
        if args.enable_config_rules:
            for rule_name in baseline_config_rules(args.config_rule_design):
                params = rule_parameters(rule_name, args.config_rule_design)
                self.config_rules.append(
                    aws.cfg.Rule(
                        f"{name}-{rule_name}",
                        name=rule_name,
                        source={"owner": "AWS", "source_identifier": source_identifier(rule_name)},
                        input_parameters=pulumi.Output.json_dumps(params) if params else None,
                        scope=CONFIG_RULE_SCOPES.get(rule_name),
                        tags=tags,
                        opts=pulumi.ResourceOptions(
                            parent=self, depends_on=[self.recorder_status] if self.recorder_status else []
                        ),
                    )
                )
        self.register_outputs(
            {"topicArn": self.topic.arn, "detectorIds": {r: d.id for r, d in self.detectors.items()}}
        )

    def _findings_forwarding_role(
        self, name: str, home: StackRegion, args: MonitoringArgs
    ) -> tuple[aws.iam.Role, pulumi.Resource]:
        """The role EventBridge rules of other regions send findings to the home region's default bus as: an
        event bus target takes a role with events:PutEvents on that bus, and nothing else.
        https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html
        https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html"""
        child = pulumi.ResourceOptions(parent=self)
        role = aws.iam.Role(
            f"{name}-findings-forwarder",
            assume_role_policy=service_trust_policy("events.amazonaws.com"),
            tags=dict(args.tags),
            opts=child,
        )
        attachment = managed_role_policy(
            f"{name}-findings-forwarder",
            role,
            "EventBridge: forward GuardDuty findings to the home region's default event bus",
            json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "events:PutEvents",
                               "Resource": home_bus_arn(home.name, args.account_id)}],
            }),
            child,
            dict(args.tags),
        )
        return role, attachment

    def _route_findings(
        self,
        name: str,
        region: StackRegion,
        home: StackRegion,
        forwarder: tuple[aws.iam.Role, pulumi.Resource] | None,
        args: MonitoringArgs,
        tags: dict[str, str],
    ) -> None:
        """164.308(a)(1)(ii)(D), 164.308(a)(6)(ii): every GuardDuty finding of ``region`` reaches the alarm topic:
        GuardDuty publishes findings to EventBridge in the region, a rule sends them to the topic (home) or to the
        home region's default bus (elsewhere), where the home rule sends them on.
        https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html"""
        rule = aws.cloudwatch.EventRule(
            region.label(f"{name}-guardduty-findings"),
            **region.where(),
            description="GuardDuty findings to the security alarm topic",
            event_pattern=json.dumps(FINDINGS_PATTERN),
            tags=tags,
            opts=region.opts(self),
        )
        if region.home:
            # The topic's policy lets EventBridge publish, and SNS targets take no role.
            # https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
            aws.cloudwatch.EventTarget(
                region.label(f"{name}-guardduty-findings"),
                **region.where(),
                rule=rule.name,
                arn=self.topic.arn,
                opts=region.opts(self, [self.topic_policy]),
            )
            return
        assert forwarder is not None
        role, attachment = forwarder
        aws.cloudwatch.EventTarget(
            region.label(f"{name}-guardduty-findings"),
            **region.where(),
            rule=rule.name,
            arn=home_bus_arn(home.name, args.account_id),
            role_arn=role.arn,
            opts=region.opts(self, [attachment]),
        )

    def _guard_duty(self, name: str, region: StackRegion, tags: dict[str, str]) -> aws.guardduty.Detector | None:
        """164.308(a)(1)(ii)(D), 164.308(a)(6)(ii): threat detection on account, network, S3 and RDS activity in
        ``region``; with guardDuty=adopt the organisation's detector stays in charge, and a lookup fails the
        deployment if the region has none."""
        if region.guard_duty == "adopt":
            aws.guardduty.get_detector_output(opts=region.invoke_opts())
            return None
        opts = region.opts(self)
        detector = aws.guardduty.Detector(
            region.label(f"{name}-guardduty"),
            **region.where(),
            enable=True,
            finding_publishing_frequency="FIFTEEN_MINUTES",
            tags=tags,
            opts=opts,
        )
        for feature, suffix in (("S3_DATA_EVENTS", "s3"), ("RDS_LOGIN_EVENTS", "rds")):
            aws.guardduty.DetectorFeature(
                region.label(f"{name}-guardduty-{suffix}"),
                **region.where(),
                detector_id=detector.id,
                name=feature,
                status="ENABLED",
                opts=opts,
            )
        return detector

    def _config_recorder(self, name: str, region: StackRegion, args: MonitoringArgs) -> aws.cfg.RecorderStatus | None:
        """164.308(a)(8): continuous recording of the configuration in ``region``, delivered to the one Config
        bucket (AWS Config delivers across regions: aws-resource-config-deliverychannel.html). The recorder starts
        only once its role may describe resources and deliver; the channel only once the bucket policy and the
        role's policies exist, or PutDeliveryChannel fails (InsufficientDeliveryPolicyException).
        https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html"""
        if region.config_recorder == "adopt":
            return None
        recorder = aws.cfg.Recorder(
            region.label(f"{name}-config-recorder"),
            **region.where(),
            name=f"{name}-recorder",
            role_arn=args.config_role_arn,
            # Global resources (IAM) are recorded in the home region only, so each is recorded once.
            # https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
            recording_group={"all_supported": True, "include_global_resource_types": region.home},
            opts=region.opts(self, args.config_role_ready),
        )
        channel = aws.cfg.DeliveryChannel(
            region.label(f"{name}-config-delivery"),
            **region.where(),
            name=f"{name}-delivery",
            s3_bucket_name=args.config_bucket_name,
            s3_key_prefix=KEY_PREFIX,
            snapshot_delivery_properties={"delivery_frequency": "TwentyFour_Hours"},
            opts=region.opts(self, [recorder, *args.config_ready]),
        )
        return aws.cfg.RecorderStatus(
            region.label(f"{name}-config-recorder-status"),
            **region.where(),
            name=recorder.name,
            is_enabled=True,
            opts=region.opts(self, [channel]),
        )
