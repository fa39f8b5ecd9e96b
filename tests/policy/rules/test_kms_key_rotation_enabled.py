import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.kms.kms_key_rotation_enabled import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"enableKeyRotation": True}, [], id="pass-enabled"),
        pytest.param({"enableKeyRotation": UNKNOWN}, [], id="pass-unknown"),
        pytest.param(
            {"enableKeyRotation": False, "customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"},
            [],
            id="pass-asymmetric-cannot-rotate",
        ),
        pytest.param(
            {"enableKeyRotation": False},
            ["enableKeyRotation is false; use Keyring or set enable_key_rotation=True (164.312(a)(2)(iv))"],
            id="fail-disabled",
        ),
        pytest.param(
            {},
            ["enableKeyRotation is unset; use Keyring or set enable_key_rotation=True (164.312(a)(2)(iv))"],
            id="fail-unset",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
