import pytest

from pms_baseline_pack.rules.redshift.redshift_cluster_not_publicly_accessible import check as rule

FAIL = ["publiclyAccessible is true; set publicly_accessible=False so the cluster has no public endpoint "
        "(164.312(a)(1))"]


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"publiclyAccessible": False}, [], id="pass-false"),
    pytest.param({}, [], id="pass-unset-defaults-to-false"),
    pytest.param({"publiclyAccessible": True}, FAIL, id="fail-true"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
