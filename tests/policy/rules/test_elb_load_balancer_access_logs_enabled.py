import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.elb.elb_load_balancer_access_logs_enabled import check as rule


def fail(enabled, bucket):
    return (
        f"accessLogs.enabled is {enabled} (bucket {bucket}); use the Edge component or set access_logs with "
        "enabled=True and the log bucket (164.312(b))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"accessLogs": {"enabled": True, "bucket": "pms-lb-logs"}}, [], id="pass-object"),
        pytest.param({"accessLogs": [{"enabled": True, "bucket": "pms-lb-logs"}]}, [], id="pass-list"),
        pytest.param({"accessLogs": {"enabled": True, "bucket": UNKNOWN}}, [], id="pass-unknown-bucket"),
        pytest.param({}, [fail("unset", "unset")], id="fail-unset"),
        pytest.param(
            {"accessLogs": {"enabled": False, "bucket": "pms-lb-logs"}},
            [fail("false", "pms-lb-logs")],
            id="fail-off",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
