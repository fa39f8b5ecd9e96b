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


INSUFFICIENT = (
    "insufficientDataActions is unset, so no one hears when the alarm goes to INSUFFICIENT_DATA; use Monitoring or "
    "set insufficient_data_actions to the alarm topic's ARN (164.308(a)(6)(ii))"
)
NO_OK = (
    "okActions is unset, so no one hears when the alarm goes to OK; use Monitoring or set ok_actions to the alarm "
    "topic's ARN (164.308(a)(6)(ii))"
)
AS_CONFIG = {"insufficientDataActionRequired": True}


@pytest.mark.parametrize(
    ("props", "config", "expected"),
    [
        pytest.param({"alarmActions": [TOPIC], "insufficientDataActions": [TOPIC]}, AS_CONFIG, [],
                     id="pass-insufficient-data-action"),
        pytest.param({"alarmActions": [TOPIC], "insufficientDataActions": UNKNOWN}, AS_CONFIG, [],
                     id="pass-insufficient-data-unknown"),
        pytest.param({"alarmActions": [TOPIC]}, AS_CONFIG, [INSUFFICIENT], id="fail-no-insufficient-data-action"),
        pytest.param({"alarmActions": [TOPIC], "insufficientDataActions": [TOPIC]},
                     {**AS_CONFIG, "okActionRequired": True}, [NO_OK], id="fail-no-ok-action"),
    ],
)
def test_check_with_config_rule_defaults(props, config, expected):
    assert rule.run_resource(props, config) == expected
