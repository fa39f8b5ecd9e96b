import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.sagemaker.sagemaker_notebook_no_direct_internet_access import check as rule

FIX = "; set direct_internet_access=\"Disabled\" and place the notebook in a private subnet (164.312(a)(1))"


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"directInternetAccess": "Disabled", "subnetId": "subnet-1"}, [], id="pass-disabled"),
    pytest.param({"directInternetAccess": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"directInternetAccess": "Enabled"}, ["directInternetAccess is Enabled" + FIX], id="fail-enabled"),
    pytest.param({}, ["directInternetAccess is unset" + FIX], id="fail-unset-defaults-to-enabled"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
