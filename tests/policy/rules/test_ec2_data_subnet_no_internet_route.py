import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.ec2.ec2_data_subnet_no_internet_route import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

VPC_ID = "vpc-0123456789abcdef0"
MAIN_RT = "rtb-0main000000000000"
DATA_RT = "rtb-0data000000000000"
SUBNET_ID = "subnet-0data00000000000"
IGW_ID = "igw-0123456789abcdef0"


def arn(kind, rid):
    return f"arn:aws:ec2:us-east-1:{ACCOUNT}:{kind}/{rid}"


VPC = res(t.VPC, "pms-vpc", arn=arn("vpc", VPC_ID), mainRouteTableId=MAIN_RT, defaultRouteTableId=MAIN_RT)
DATA = res(t.SUBNET, "pms-data-a", arn=arn("subnet", SUBNET_ID), vpcId=VPC_ID, tags={"pms-tier": "data"})
ASSOC = res(t.ROUTE_TABLE_ASSOCIATION, "pms-data-a-rt", subnetId=SUBNET_ID, routeTableId=DATA_RT)
IGW = res(t.INTERNET_GATEWAY, "pms-igw", arn=arn("internet-gateway", IGW_ID))


def table(*routes):
    return res(
        t.ROUTE_TABLE, "pms-data-rt", arn=arn("route-table", DATA_RT), vpcId=VPC_ID, routes=list(routes)
    )


def route(table_id=DATA_RT, **target):
    return res(
        t.ROUTE, "pms-default-route", routeTableId=table_id, destinationCidrBlock="0.0.0.0/0", **target
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([VPC, DATA, ASSOC, table(), IGW], [], id="pass-local-only"),
        pytest.param(
            [
                VPC,
                DATA,
                ASSOC,
                table({"cidrBlock": "0.0.0.0/0", "gatewayId": IGW_ID}),
                IGW,
                res(t.SUBNET, "pms-public-a", tags={"pms-tier": "public"}),
            ],
            [
                Violation(
                    f"data subnet pms-data-a routes 0.0.0.0/0 to internet gateway {IGW_ID} through route "
                    f"table {DATA_RT}; remove the route, data subnets reach AWS through VPC endpoints only "
                    "(164.312(a)(1))",
                    urn(t.ROUTE_TABLE, "pms-data-rt"),
                )
            ],
            id="fail-inline-igw-route",
        ),
        pytest.param(
            [VPC, DATA, ASSOC, table(), route(natGatewayId="nat-0123")],
            [
                Violation(
                    "data subnet pms-data-a routes 0.0.0.0/0 to NAT gateway nat-0123 through route table "
                    f"{DATA_RT}; remove the route, data subnets reach AWS through VPC endpoints only "
                    "(164.312(a)(1))",
                    urn(t.ROUTE, "pms-default-route"),
                )
            ],
            id="fail-nat-route-resource",
        ),
        pytest.param(
            [VPC, DATA, route(table_id=MAIN_RT, gatewayId=IGW_ID), IGW],
            [
                Violation(
                    f"data subnet pms-data-a routes 0.0.0.0/0 to internet gateway {IGW_ID} through route "
                    f"table {MAIN_RT}; remove the route, data subnets reach AWS through VPC endpoints only "
                    "(164.312(a)(1))",
                    urn(t.ROUTE, "pms-default-route"),
                )
            ],
            id="fail-unassociated-uses-main-table",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected


def test_non_data_subnets_may_route_to_the_internet():
    public = res(t.SUBNET, "pms-public-a", arn=arn("subnet", "subnet-0pub"), tags={"pms-tier": "public"})
    assoc = res(t.ROUTE_TABLE_ASSOCIATION, "pub-rt", subnetId="subnet-0pub", routeTableId=DATA_RT)
    assert rule.run_stack([VPC, public, assoc, table({"cidrBlock": "0.0.0.0/0", "gatewayId": IGW_ID})]) == []
