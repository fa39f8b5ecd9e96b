import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_cloudwatch_logs_delivered import check as rule

GROUP = "arn:aws:logs:us-east-1:210987654321:log-group:pms-trail:*"
ROLE = "arn:aws:iam::210987654321:role/pms-trail-logs"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"cloudWatchLogsGroupArn": GROUP, "cloudWatchLogsRoleArn": ROLE}, [], id="pass-delivered"
        ),
        pytest.param(
            {"cloudWatchLogsGroupArn": UNKNOWN, "cloudWatchLogsRoleArn": UNKNOWN}, [], id="pass-unknown"
        ),
        pytest.param(
            {"cloudWatchLogsRoleArn": ROLE},
            [
                "cloudWatchLogsGroupArn is unset, so no alarm can watch the trail's events; use AuditTrail "
                "or set cloud_watch_logs_group_arn (164.308(a)(1)(ii)(D))"
            ],
            id="fail-no-group",
        ),
        pytest.param(
            {"cloudWatchLogsGroupArn": GROUP, "cloudWatchLogsRoleArn": ""},
            [
                "cloudWatchLogsRoleArn is unset, so no alarm can watch the trail's events; use AuditTrail "
                "or set cloud_watch_logs_role_arn (164.308(a)(1)(ii)(D))"
            ],
            id="fail-no-role",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
