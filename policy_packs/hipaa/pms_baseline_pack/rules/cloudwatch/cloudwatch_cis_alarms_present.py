"""The trail's log group has a metric filter and an alarm with an action for each CIS monitoring pattern."""

import re

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import block, of_type

_LOGIN = "164.308(a)(5)(ii)(C)"
_REVIEW = "164.308(a)(1)(ii)(D)"

# (key, what it watches, how a filter pattern is recognised, citation): CIS AWS Foundations 4.x / 3.x.
PATTERNS = (
    ("root-account-use", "root account use", r'userIdentity\.type\s*=\s*"?Root', _LOGIN),
    (
        "console-sign-in-failures",
        "console sign-in failures",
        r"ConsoleLogin[\s\S]*Failed authentication",
        _LOGIN,
    ),
    ("unauthorized-api-calls", "unauthorized API calls", r"UnauthorizedOperation|AccessDenied", _REVIEW),
    (
        "iam-policy-changes",
        "IAM policy changes",
        r"\b(?:Put|Delete|Attach|Detach)(?:Group|Role|User)Policy\b|\bCreatePolicyVersion\b",
        _REVIEW,
    ),
    (
        "cloudtrail-changes",
        "CloudTrail configuration changes",
        r"\b(?:StopLogging|DeleteTrail|UpdateTrail)\b",
        _REVIEW,
    ),
    (
        "kms-key-disable-or-deletion",
        "KMS keys disabled or scheduled for deletion",
        r"\b(?:DisableKey|ScheduleKeyDeletion)\b",
        _REVIEW,
    ),
    (
        "s3-bucket-policy-changes",
        "S3 bucket policy changes",
        r"\b(?:PutBucketPolicy|DeleteBucketPolicy)\b",
        _REVIEW,
    ),
    (
        "security-group-changes",
        "security group changes",
        r"\b(?:Authorize|Revoke)SecurityGroup(?:Ingress|Egress)\b|\b(?:Create|Delete)SecurityGroup\b",
        _REVIEW,
    ),
    ("network-acl-changes", "network ACL changes", r"\b(?:Create|Delete|Replace)NetworkAcl", _REVIEW),
    # CIS 4.12, Security Hub CloudWatch.12:
    # https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-12
    (
        "network-gateway-changes",
        "internet gateway changes",
        r"\b(?:Create|Delete|Attach|Detach)InternetGateway\b",
        _REVIEW,
    ),
    (
        "route-table-changes",
        "route table changes",
        r"\b(?:CreateRoute|CreateRouteTable|ReplaceRoute|ReplaceRouteTableAssociation|DeleteRouteTable|DeleteRoute"
        r"|DisassociateRouteTable)\b",
        _REVIEW,
    ),
    ("vpc-changes", "VPC changes", r"\b(?:CreateVpc|DeleteVpc|ModifyVpcAttribute)\b", _REVIEW),
)


def _trail_log_groups(resources):
    """Names of the log groups the stack's trails deliver to; None when unknown (any filter then counts)."""
    names = set()
    for trail in of_type(resources, t.CLOUDTRAIL):
        arn = trail.props.get("cloudWatchLogsGroupArn")
        if is_opaque(arn):
            return None
        if isinstance(arn, str) and ":log-group:" in arn:
            names.add(arn.split(":log-group:", 1)[1].split(":", 1)[0])
    return names or None


def _has_action(alarm) -> bool:
    actions = alarm.props.get("alarmActions")
    if is_opaque(actions):
        return True
    return alarm.props.get("actionsEnabled") is not False and any(a for a in (actions or []))


def _watches(alarm, metric: str, namespace: str) -> bool:
    name, ns = alarm.props.get("metricName"), alarm.props.get("namespace")
    if is_opaque(name) or is_opaque(ns):
        return True
    return name == metric and (ns in (None, "") or ns == namespace)


@stack_rule(
    id="cloudwatch-cis-alarms-present",
    # Account scope: the CIS alarms watch the account trail's log group, which the account's baseline stack holds.
    scope="account",
    title="The monitoring alarms for every CIS pattern exist and notify",
    severity="high",
    citations=(_REVIEW, _LOGIN, "164.308(a)(6)(ii)"),
    resource_types=(t.LOG_METRIC_FILTER, t.METRIC_ALARM),
    remediation="Use the Monitoring component on the trail's log group, or declare for each CIS pattern a "
    "LogMetricFilter and a MetricAlarm on its metric with alarm_actions set to the alarm topic.",
)
def check(resources, config):
    """Per pattern: a matching filter on the trail's log group, an alarm on its metric, an action on it."""
    groups = _trail_log_groups(resources)
    filters = [
        f
        for f in of_type(resources, t.LOG_METRIC_FILTER)
        if groups is None or is_opaque(f.props.get("logGroupName")) or f.props.get("logGroupName") in groups
    ]
    alarms = of_type(resources, t.METRIC_ALARM)
    any_opaque = any(is_opaque(f.props.get("pattern")) for f in filters)
    found = []
    for _key, label, regex, citation in PATTERNS:
        matching = [
            f
            for f in filters
            if isinstance(f.props.get("pattern"), str) and re.search(regex, f.props["pattern"])
        ]
        if not matching:
            if not any_opaque:
                found.append(
                    Violation(
                        f"no metric filter on the trail's log group watches {label}; use the Monitoring "
                        f"component or add a metric filter and an alarm for it ({citation})"
                    )
                )
            continue
        watched, notifying = False, False
        for flt in matching:
            metric = block(flt.props.get("metricTransformation")) or {}
            if is_opaque(metric) or not isinstance(metric, dict):
                watched = notifying = True
                continue
            on_metric = [a for a in alarms if _watches(a, metric.get("name"), metric.get("namespace"))]
            watched = watched or bool(on_metric)
            notifying = notifying or any(_has_action(a) for a in on_metric)
        if not watched:
            found.append(
                Violation(
                    f"metric filter {matching[0].name} watches {label} but no alarm is set on its metric; "
                    f"add a MetricAlarm on it with alarm_actions ({citation})",
                    matching[0].urn,
                )
            )
        elif not notifying:
            found.append(
                Violation(
                    f"the alarm on {label} has no enabled alarm action, so no one is told; set "
                    f"alarm_actions to the alarm topic ({citation})",
                    matching[0].urn,
                )
            )
    return found
