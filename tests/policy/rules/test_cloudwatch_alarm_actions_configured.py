import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.cloudwatch.cloudwatch_alarm_actions_configured import check as rule

TOPIC = "arn:aws:sns:us-east-1:210987654321:pms-alarms"
NO_ACTIONS = (
    "alarmActions is unset, so the alarm notifies no one; use Monitoring or set alarm_actions to the alarm "
    "topic's ARN (164.308(a)(6)(ii))"
)
DISABLED = (
    "actionsEnabled is false, so the alarm notifies no one; set actions_enabled=True (164.308(a)(6)(ii))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"alarmActions": [TOPIC]}, [], id="pass-action"),
        pytest.param({"alarmActions": [TOPIC], "actionsEnabled": True}, [], id="pass-enabled"),
        pytest.param({"alarmActions": UNKNOWN}, [], id="pass-unknown"),
        pytest.param({}, [NO_ACTIONS], id="fail-unset"),
        pytest.param({"alarmActions": []}, [NO_ACTIONS], id="fail-empty"),
        pytest.param({"alarmActions": [TOPIC], "actionsEnabled": False}, [DISABLED], id="fail-disabled"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
