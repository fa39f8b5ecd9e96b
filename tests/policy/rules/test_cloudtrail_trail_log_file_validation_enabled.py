import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_log_file_validation_enabled import check as rule

FAIL = (
    "enableLogFileValidation is {}; use AuditTrail or set enable_log_file_validation=True so tampering with "
    "delivered log files is detectable (164.312(c)(1))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"enableLogFileValidation": True}, [], id="pass-enabled"),
        pytest.param({"enableLogFileValidation": UNKNOWN}, [], id="pass-unknown"),
        pytest.param({"enableLogFileValidation": False}, [FAIL.format("false")], id="fail-disabled"),
        pytest.param({}, [FAIL.format("unset")], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
