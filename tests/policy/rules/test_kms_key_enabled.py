import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.kms.kms_key_enabled import check as rule

DISABLED = ("isEnabled is false, so nothing encrypted with the key can be decrypted (a key scheduled for deletion "
            "is disabled the same way); use Keyring or set is_enabled=True (164.312(a)(2)(iv))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"isEnabled": True}, [], id="pass-enabled"),
        pytest.param({}, [], id="pass-default"),
        pytest.param({"isEnabled": UNKNOWN}, [], id="pass-unknown"),
        pytest.param({"isEnabled": False}, [DISABLED], id="fail-disabled"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
