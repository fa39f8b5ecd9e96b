"""CloudWatch metric alarms read live under cloudwatch-alarm-actions-configured, and their actionsEnabled compared
with the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "cloudwatch-alarm-actions-configured"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def alarm(account, name, actions=True, enabled=True):
    sns = account.client("sns")
    topic = sns.create_topic(Name="pages")["TopicArn"]
    account.client("cloudwatch").put_metric_alarm(
        AlarmName=name, MetricName="Errors", Namespace="PMS", Statistic="Sum", Period=300, EvaluationPeriods=1,
        Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", ActionsEnabled=enabled,
        AlarmActions=[topic] if actions else [])


def exercise(account):
    """One metric alarm, so DescribeAlarms (and DescribeMetricFilters) answer with something to read."""
    alarm(account, "claims-errors")


def test_an_alarm_with_enabled_actions_passes(account):
    alarm(account, "claims-errors")
    assert findings(account, RULE) == []


def test_an_alarm_without_actions_is_a_finding(account):
    alarm(account, "claims-errors", actions=False)
    assert findings(account, RULE) == [(
        "claims-errors", R + "alarm claims-errors: alarmActions is unset, so the alarm notifies no one; use "
        "Monitoring or set alarm_actions to the alarm topic's ARN (164.308(a)(6)(ii))")]


def test_an_alarm_with_actions_disabled_is_a_finding(account):
    alarm(account, "claims-errors", enabled=False)
    assert findings(account, RULE) == [(
        "claims-errors", R + "alarm claims-errors: actionsEnabled is false, so the alarm notifies no one; set "
        "actions_enabled=True (164.308(a)(6)(ii))")]


def test_actions_disabled_is_drift(account):
    alarm(account, "claims-errors", enabled=False)
    state = state_of(resource(t.METRIC_ALARM, "claims-errors", "claims-errors",
                              metricName="Errors", actionsEnabled=True))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-errors", "claims-errors: actionsEnabled is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_alarm_is_missing(account):
    state = state_of(resource(t.METRIC_ALARM, "claims-errors", "claims-errors", metricName="Errors"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-errors"]
