import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.kinesis.kinesis_stream_encrypted import check as rule

FIX = "; set encryption_type=\"KMS\" with a customer-managed kms_key_id (164.312(a)(2)(iv))"


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"encryptionType": "KMS", "kmsKeyId": "alias/phi"}, [], id="pass-kms"),
    pytest.param({"encryptionType": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"encryptionType": "NONE"}, ["encryptionType is NONE" + FIX], id="fail-none"),
    pytest.param({}, ["encryptionType is unset" + FIX], id="fail-unset"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
