import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.ssm.ssm_document_not_public import check as rule

FAIL = ["permissions account_ids is All, so every AWS account can read and run the document; share it with named "
        "account ids only (164.312(a)(1))"]


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"documentType": "Command"}, [], id="pass-not-shared"),
    pytest.param({"permissions": {"type": "Share", "account_ids": "111122223333,444455556666"}}, [],
                 id="pass-named-accounts"),
    pytest.param({"permissions": {"type": "Share", "account_ids": UNKNOWN}}, [], id="pass-unknown"),
    pytest.param({"permissions": {"type": "Share", "account_ids": "All"}}, FAIL, id="fail-all"),
    pytest.param({"permissions": {"type": "Share", "accountIds": "111122223333, all"}}, FAIL,
                 id="fail-all-among-accounts"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
