import pytest

from pms_baseline_pack.rules.redshift.redshift_cluster_encrypted import check as rule

FIX = "; set encrypted=\"true\" with a customer-managed kms_key_id (164.312(a)(2)(iv))"


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"encrypted": "true"}, [], id="pass-true-string-v7"),
    pytest.param({"encrypted": True}, [], id="pass-true-bool-older-state"),
    pytest.param({}, [], id="pass-unset-defaults-to-true"),
    pytest.param({"encrypted": "false"}, ["encrypted is false" + FIX], id="fail-false-string"),
    pytest.param({"encrypted": False}, ["encrypted is false" + FIX], id="fail-false-bool"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
