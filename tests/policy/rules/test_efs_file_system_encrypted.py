import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.efs.efs_file_system_encrypted import check as rule

FIX = "; set encrypted=True with a customer-managed kms_key_id (164.312(a)(2)(iv))"


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"encrypted": True, "kmsKeyId": "arn:aws:kms:us-east-1:210987654321:key/k"}, [], id="pass-encrypted"),
    pytest.param({"encrypted": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"encrypted": False}, ["encrypted is false" + FIX], id="fail-false"),
    pytest.param({}, ["encrypted is unset" + FIX], id="fail-unset"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
