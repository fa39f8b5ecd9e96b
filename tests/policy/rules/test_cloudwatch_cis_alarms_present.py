import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.cloudwatch.cloudwatch_cis_alarms_present import PATTERNS
from pms_baseline_pack.rules.cloudwatch.cloudwatch_cis_alarms_present import check as rule
from tests.policy.rules.builders import res, urn

TOPIC = "arn:aws:sns:us-east-1:210987654321:pms-alarms"
NS = "PMS/CIS"
TRAIL_GROUP_ARN = "arn:aws:logs:us-east-1:210987654321:log-group:pms-trail:*"
OTHER_GROUP_ARN = "arn:aws:logs:us-east-1:210987654321:log-group:other:*"

# The CIS AWS Foundations Benchmark filter patterns, as the Monitoring component writes them.
CIS = {
    "root-account-use": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
    '$.eventType != "AwsServiceEvent" }',
    "console-sign-in-failures": "{ ($.eventName = ConsoleLogin) && "
    '($.errorMessage = "Failed authentication") }',
    "unauthorized-api-calls": '{ ($.errorCode = "*UnauthorizedOperation") || '
    '($.errorCode = "AccessDenied*") }',
    "iam-policy-changes": "{ ($.eventName=DeleteGroupPolicy) || ($.eventName=PutRolePolicy) || "
    "($.eventName=CreatePolicyVersion) || ($.eventName=AttachRolePolicy) }",
    "cloudtrail-changes": "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || "
    "($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    "kms-key-disable-or-deletion": "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || "
    "($.eventName = ScheduleKeyDeletion)) }",
    "s3-bucket-policy-changes": "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketPolicy) || "
    "($.eventName = DeleteBucketPolicy)) }",
    "security-group-changes": "{ ($.eventName = AuthorizeSecurityGroupIngress) || "
    "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) }",
    "network-acl-changes": "{ ($.eventName = CreateNetworkAcl) || ($.eventName = ReplaceNetworkAclEntry) }",
    "network-gateway-changes": "{ ($.eventName = CreateCustomerGateway) || ($.eventName = AttachInternetGateway) "
    "|| ($.eventName = CreateInternetGateway) || ($.eventName = DetachInternetGateway) }",
    "route-table-changes": "{ ($.eventName = CreateRoute) || ($.eventName = ReplaceRoute) || "
    "($.eventName = DeleteRouteTable) }",
    "vpc-changes": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || "
    "($.eventName = ModifyVpcAttribute) }",
}


def monitoring(skip_filter=(), skip_alarm=(), no_action=()):
    out = []
    for key, pattern in CIS.items():
        if key not in skip_filter:
            out.append(
                res(
                    t.LOG_METRIC_FILTER,
                    f"pms-{key}",
                    pattern=pattern,
                    logGroupName="pms-trail",
                    metricTransformation={"name": key, "namespace": NS, "value": "1"},
                )
            )
        if key not in skip_alarm:
            actions = [] if key in no_action else [TOPIC]
            alarm = res(
                t.METRIC_ALARM, f"pms-{key}-alarm", metricName=key, namespace=NS, alarmActions=actions
            )
            out.append(alarm)
    return out


NONE_WATCHED = [
    Violation(
        f"no metric filter on the trail's log group watches {label}; use the Monitoring component or add a "
        f"metric filter and an alarm for it ({citation})"
    )
    for _key, label, _regex, citation in PATTERNS
]


def test_every_cis_pattern_is_recognised_once():
    assert [key for key, *_ in PATTERNS] == list(CIS)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(monitoring(), [], id="pass-all-patterns"),
        pytest.param(
            [
                *monitoring(skip_filter=["vpc-changes"]),
                res(t.LOG_METRIC_FILTER, "pms-opaque", pattern=UNKNOWN, metricTransformation=UNKNOWN),
            ],
            [],
            id="pass-unknown-pattern",
        ),
        pytest.param(
            [res(t.CLOUDTRAIL, "pms-trail", cloudWatchLogsGroupArn=TRAIL_GROUP_ARN), *monitoring()],
            [],
            id="pass-filters-on-the-trail-group",
        ),
        pytest.param(
            [res(t.CLOUDTRAIL, "pms-trail", cloudWatchLogsGroupArn=OTHER_GROUP_ARN), *monitoring()],
            NONE_WATCHED,
            id="fail-filters-on-another-log-group",
        ),
        pytest.param(
            monitoring(skip_filter=["root-account-use"]),
            [
                Violation(
                    "no metric filter on the trail's log group watches root account use; use the Monitoring "
                    "component or add a metric filter and an alarm for it (164.308(a)(5)(ii)(C))"
                )
            ],
            id="fail-no-root-filter",
        ),
        pytest.param(
            monitoring(skip_alarm=["vpc-changes"]),
            [
                Violation(
                    "metric filter pms-vpc-changes watches VPC changes but no alarm is set on its metric; "
                    "add a MetricAlarm on it with alarm_actions (164.308(a)(1)(ii)(D))",
                    urn(t.LOG_METRIC_FILTER, "pms-vpc-changes"),
                )
            ],
            id="fail-no-alarm",
        ),
        pytest.param(
            monitoring(no_action=["kms-key-disable-or-deletion"]),
            [
                Violation(
                    "the alarm on KMS keys disabled or scheduled for deletion has no enabled alarm action, "
                    "so no one is told; set alarm_actions to the alarm topic (164.308(a)(1)(ii)(D))",
                    urn(t.LOG_METRIC_FILTER, "pms-kms-key-disable-or-deletion"),
                )
            ],
            id="fail-alarm-without-action",
        ),
        pytest.param([], NONE_WATCHED, id="fail-no-monitoring"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
