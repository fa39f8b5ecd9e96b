import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.elb.elb_load_balancer_deletion_protection_enabled import check as rule

FAIL = (
    "enableDeletionProtection is {}; use the Edge component or set enable_deletion_protection=True so the "
    "PMS entry point cannot be removed by one command (164.308(a)(7)(ii)(C))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"enableDeletionProtection": True}, [], id="pass-protected"),
        pytest.param({"enableDeletionProtection": UNKNOWN}, [], id="pass-unknown"),
        pytest.param({"enableDeletionProtection": False}, [FAIL.format("false")], id="fail-off"),
        pytest.param({}, [FAIL.format("unset")], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
