"""Drift in EC2 networking: ports opened, default groups opened, internet routes and public IPs for data
subnets, flow logs deleted, a test VPC peered with production."""

import moto
import pytest

from pms_baseline.preview import preview_function
from tests.live import backup_answers
from tests.live.baseline_program import program
from tests.live.conftest import Emulated, R

pytestmark = pytest.mark.moto


def test_ssh_opened_to_the_world(account):
    sg = account.resource("pms-app-sg")
    account.client("ec2").authorize_security_group_ingress(
        GroupId=sg.id,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        ],
    )
    name = sg.outputs["name"]
    assert account.findings() == [
        (
            "ec2-security-group-ingress-restricted",
            R + f"security group {name} ({sg.id}): ingress on port 22 is open to 0.0.0.0/0; remove the "
            "rule and allow "
            "only named security groups (164.312(a)(1))",
        )
    ]


def test_default_security_group_opened(account):
    sg = account.resource("pms-default-sg")
    account.client("ec2").authorize_security_group_ingress(
        GroupId=sg.id, IpPermissions=[{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": sg.id}]}]
    )
    vpc = account.resource("pms-vpc").id
    assert account.findings() == [
        (
            "ec2-default-security-group-closed",
            R + f"default security group {sg.id} of {vpc} has 1 ingress and 0 egress rules; remove them all "
            "(164.312(a)(1))",
        )
    ]


def test_route_from_data_subnet_to_internet_gateway(account):
    rt, igw, subnet = (account.resource(n).id for n in ("pms-data-rt", "pms-igw", "pms-data-a"))
    account.client("ec2").create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    assert account.findings() == [
        (
            "ec2-data-subnet-no-internet-route",
            R + f"data subnet {subnet}: route table {rt} routes 0.0.0.0/0 to {igw}; delete the route, "
            "data subnets "
            "reach nothing outside the VPC (164.312(a)(1))",
        ),
        (
            "ec2-internet-route-authorized-tables",
            R + f"route table {rt} routes 0.0.0.0/0 to internet gateway {igw} but is not authorised to; only the "
            "public tier's table may route to the internet gateway (164.312(a)(1))",
        ),
    ]


def test_subnet_auto_assigns_public_ips(account):
    subnet = account.resource("pms-data-a").id
    account.client("ec2").modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
    assert account.findings() == [
        (
            "ec2-subnet-public-ip-on-launch-disabled",
            R + f"subnet {subnet}: mapPublicIpOnLaunch is true; use SegmentedNetwork or set "
            "map_public_ip_on_launch=False (164.312(a)(1))",
        )
    ]


def test_flow_logs_deleted(account):
    vpc = account.resource("pms-vpc").id
    account.client("ec2").delete_flow_logs(FlowLogIds=[account.resource("pms-flow-log").id])
    assert account.findings() == [
        (
            "ec2-vpc-flow-logs-enabled",
            R + f"VPC {vpc} has no active flow log, so its traffic is not recorded; deploy "
            "SegmentedNetwork's flow log "
            "(164.312(b))",
        )
    ]


@pytest.fixture(scope="module")
def test_environment_document():
    return preview_function(
        lambda: program(environment="test", cidr="10.20.0.0/16", prefix="pmstest"), stack="test"
    )


def test_peering_from_test_vpc_to_prod(baseline_document, test_environment_document):
    """The "test" stack here is the baseline program tagged test: not sealed (an internet gateway, a database
    not tagged synthetic), which the isolation checks report before any peering exists; the peering adds one
    finding under each rule that forbids it."""
    with moto.mock_aws():
        prod = Emulated(baseline_document)
        test = Emulated(test_environment_document)
        backup_answers.answer_declared(prod.session, prod.state, test.state)  # one account: both stacks' backups
        before = prod.findings()
        assert [rule for rule, _ in before] == ["isolation-test-database-synthetic", "isolation-test-network-sealed"]
        test_vpc, prod_vpc = test.resource("pmstest-vpc").id, prod.resource("pms-vpc").id
        pcx = prod.client("ec2").create_vpc_peering_connection(VpcId=test_vpc, PeerVpcId=prod_vpc)
        pid = pcx["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        assert sorted(set(prod.findings()) - set(before)) == [
            (
                "ec2-no-test-prod-vpc-peering",
                R + f"peering connection {pid} joins {test_vpc} (test) and {prod_vpc} (prod); delete it, "
                "a test "
                "environment has no path to production (164.308(a)(4)(ii)(A))",
            ),
            (
                "isolation-test-network-sealed",
                R + f"VPC {test_vpc}: the test environment declares VpcPeeringConnection {pid}; a sealed test "
                "environment has no path to production or the internet, remove it (164.308(a)(4)(ii)(A))",
            ),
        ]
