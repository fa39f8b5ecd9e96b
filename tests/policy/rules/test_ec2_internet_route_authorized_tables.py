import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource
from pms_baseline_pack.rules.ec2.ec2_internet_route_authorized_tables import check as rule
from tests.policy.rules.builders import res, urn


def table(name, table_id, tier, routes=None):
    props = {"id": table_id, "tags": {"pms-tier": tier}}
    if routes is not None:
        props["routes"] = routes
    return StackResource(urn=urn(t.ROUTE_TABLE, name), type=t.ROUTE_TABLE, name=name, props=props, id=table_id)


IGW = StackResource(urn=urn(t.INTERNET_GATEWAY, "igw"), type=t.INTERNET_GATEWAY, name="igw", props={},
                    id="igw-0aa")
PUBLIC = table("public-rt", "rtb-0pub", "public")
APP = table("app-rt", "rtb-0app", "app")


def route(name, table_id, gateway="igw-0aa", destination="0.0.0.0/0"):
    return res(t.ROUTE, name, routeTableId=table_id, destinationCidrBlock=destination, gatewayId=gateway)


def message(names, destination="0.0.0.0/0"):
    return (f"route table {names} routes {destination} to internet gateway igw-0aa but is not authorised to; only "
            "the public tier's table may route to the internet gateway (164.312(a)(1))")


AS_DEPLOYED = {"authorizePublicTier": False}


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([IGW, PUBLIC, route("pub", "rtb-0pub")], {}, [], id="pass-public-tier"),
        pytest.param([IGW, PUBLIC, route("pub", "rtb-0pub")], {**AS_DEPLOYED, "routeTableIds": ["rtb-0pub"]}, [],
                     id="pass-listed"),
        pytest.param([IGW, APP, route("app", "rtb-0app", gateway="nat-0bb")], AS_DEPLOYED, [], id="pass-nat"),
        pytest.param([IGW, APP, route("app", "rtb-0app", destination="10.0.0.0/8")], AS_DEPLOYED, [],
                     id="pass-narrow-destination"),
        pytest.param([IGW, APP, route("app", "rtb-0app", gateway=UNKNOWN)], {}, [], id="pass-unknown"),
        pytest.param([IGW, APP, route("app", "rtb-0app")], {}, [(message("app-rt"), urn(t.ROUTE, "app"))],
                     id="fail-app-tier"),
        pytest.param([IGW, PUBLIC, route("pub", "rtb-0pub", destination="::/0")], AS_DEPLOYED,
                     [(message("public-rt", "::/0"), urn(t.ROUTE, "pub"))], id="fail-none-authorised"),
        pytest.param([IGW, table("app-rt", "rtb-0app", "app", [{"cidrBlock": "0.0.0.0/0", "gatewayId": "igw-0aa"}])],
                     {}, [(message("app-rt"), urn(t.ROUTE_TABLE, "app-rt"))], id="fail-inline-route"),
    ],
)
def test_check(resources, config, expected):
    assert [(v.message, v.urn) for v in rule.run_stack(resources, config)] == expected
