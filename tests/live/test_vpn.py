"""Site-to-Site VPN in a live account: an available connection with a tunnel DOWN is a finding
(vpc-vpn-2-tunnels-up). moto creates VPN connections but reports no tunnel telemetry, so the test adds the
VgwTelemetry AWS reports (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VgwTelemetry.html) to moto's
answer; the connection, its state and every other call are moto's."""

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto

RULE = "vpc-vpn-2-tunnels-up"


def vpn(account):
    ec2 = account.client("ec2")
    cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.10", BgpAsn=65000)["CustomerGateway"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]
    return ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"],
                                     VpnGatewayId=vgw["VpnGatewayId"])["VpnConnection"]["VpnConnectionId"]


def telemetry(account, *statuses):
    def add(parsed, **_):
        for connection in parsed.get("VpnConnections", []):
            connection["VgwTelemetry"] = [{"OutsideIpAddress": f"198.51.100.{i + 1}", "Status": s}
                                          for i, s in enumerate(statuses)]

    account.session.events.register("after-call.ec2.DescribeVpnConnections", add)


def vpn_findings(account):
    return [(f.rule, f.resource.name, f.message) for f in account.verify(state=False).findings if f.rule == RULE]


def test_both_tunnels_up_pass(account):
    vpn(account)
    telemetry(account, "UP", "UP")
    assert vpn_findings(account) == []


def test_a_tunnel_down_is_a_finding(account):
    vid = vpn(account)
    telemetry(account, "UP", "DOWN")
    assert vpn_findings(account) == [(
        RULE, vid, R + f"VPN connection {vid} has 1 of 2 tunnels UP (tunnels 198.51.100.2 DOWN); bring the customer "
        "gateway's second tunnel up so the link survives a tunnel's maintenance or failure (164.308(a)(7)(ii)(C))")]


def test_a_connection_reporting_no_tunnel_fails(account):
    vid = vpn(account)  # moto's own answer: no telemetry at all, so neither tunnel can be shown up
    assert vpn_findings(account) == [(
        RULE, vid, R + f"VPN connection {vid} has 0 of 2 tunnels UP (0 tunnel(s) reported); bring the customer "
        "gateway's second tunnel up so the link survives a tunnel's maintenance or failure (164.308(a)(7)(ii)(C))")]
