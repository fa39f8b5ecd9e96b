import pytest

from pms_baseline_pack.rules.logs.logs_log_group_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"kmsKeyId": KEY_ARN}, [], id="pass-cmk"),
        pytest.param(
            {},
            [
                "kmsKeyId is unset, so AWS uses its managed key; set kms_key_id to the audit key "
                "(164.312(a)(2)(iv))"
            ],
            id="fail-unset",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
