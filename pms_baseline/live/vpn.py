"""Site-to-Site VPN: both tunnels of every available VPN connection are UP (vpc-vpn-2-tunnels-up).

A VPN connection has two tunnels for redundancy; one DOWN leaves the clinic's link to the VPC on a single path,
both DOWN cuts it. DescribeVpnConnections reports each tunnel's state in ``VgwTelemetry`` (Status UP or DOWN).
A connection being created or deleted has no tunnels to judge; an available one listing fewer than two tunnels
fails, as neither can be shown up.
https://docs.aws.amazon.com/config/latest/developerguide/vpc-vpn-2-tunnels-up.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VgwTelemetry.html
"""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

RULE = "vpc-vpn-2-tunnels-up"


@collector("vpn")
def collect(live, inv: Inventory) -> None:
    ec2 = live.client("ec2", inv.region)
    answer = inv.read(lambda: live.call(ec2, "describe_vpn_connections",
                                        Filters=[{"Name": "state", "Values": ["available"]}]))
    if not readable(answer):
        inv.complete = False
        return
    inv.items["connections"] = {
        c["VpnConnectionId"]: [(v.get("OutsideIpAddress") or "?", v.get("Status") or "?")
                               for v in c.get("VgwTelemetry") or []]
        for c in answer.get("VpnConnections") or [] if c.get("State") == "available"
    }


@check(RULE, "vpn")
def both_tunnels_up(acct: Account):
    for inv in acct.each("vpn"):
        for vpn, tunnels in sorted(inv.items.get("connections", {}).items()):
            up = [ip for ip, status in tunnels if status == "UP"]
            if len(up) >= 2:
                continue
            down = [f"{ip} {status}" for ip, status in tunnels if status != "UP"]
            seen = f"tunnels {', '.join(down)}" if down else f"{len(tunnels)} tunnel(s) reported"
            yield acct.live.finding(
                RULE, t.VPN_CONNECTION, vpn, vpn,
                f"VPN connection {vpn} has {len(up)} of 2 tunnels UP ({seen}); bring the customer gateway's second "
                "tunnel up so the link survives a tunnel's maintenance or failure (164.308(a)(7)(ii)(C))",
                inv.region,
            )
