import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.elasticbeanstalk.elasticbeanstalk_managed_updates_enabled import check as rule

NS = "aws:elasticbeanstalk:managedactions"
FIX = ("; set it to true with a PreferredStartTime and UpdateLevel so platform security patches are applied "
       "(164.308(a)(5)(ii)(B))")


def setting(value, name="ManagedActionsEnabled", namespace=NS):
    return {"namespace": namespace, "name": name, "value": value}


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"settings": [setting("true"), setting("minor", "UpdateLevel"),
                               setting("Sun:02:00", "PreferredStartTime")]}, [], id="pass-enabled"),
    pytest.param({"settings": [setting("True")]}, [], id="pass-enabled-any-case"),
    pytest.param({"settings": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"settings": [setting("false")]},
                 [f"setting {NS}:ManagedActionsEnabled is false" + FIX], id="fail-disabled"),
    pytest.param({"settings": [setting("true", namespace="aws:autoscaling:asg")]},
                 [f"setting {NS}:ManagedActionsEnabled is unset" + FIX], id="fail-other-namespace"),
    pytest.param({}, [f"setting {NS}:ManagedActionsEnabled is unset" + FIX], id="fail-unset"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
