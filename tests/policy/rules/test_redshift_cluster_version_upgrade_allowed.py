import pytest

from pms_baseline_pack.rules.redshift.redshift_cluster_version_upgrade_allowed import check as rule


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"allowVersionUpgrade": True}, [], id="pass-true"),
    pytest.param({}, [], id="pass-unset-defaults-to-true"),
    pytest.param({"allowVersionUpgrade": False}, [
        "allowVersionUpgrade is false; set allow_version_upgrade=True so engine security fixes reach the cluster "
        "(164.308(a)(5)(ii)(B))"], id="fail-false"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
