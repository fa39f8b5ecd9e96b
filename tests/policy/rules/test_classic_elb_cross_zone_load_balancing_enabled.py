import pytest

from pms_baseline_pack.rules.elb_classic.classic_elb_cross_zone_load_balancing_enabled import check as cross_zone


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"crossZoneLoadBalancing": True}, [], id="pass-true"),
    pytest.param({}, [], id="pass-unset-defaults-to-true"),
    pytest.param({"crossZoneLoadBalancing": False}, [
        "crossZoneLoadBalancing is false; set cross_zone_load_balancing=True so the service stays up when an "
        "availability zone's instances fail (164.308(a)(7)(ii)(C))"], id="fail-false"),
])
def test_cross_zone(props, expected):
    assert cross_zone.run_resource(props) == expected
