"""Security Hub: enabled in every verified region (AWS Config's securityhub-enabled).

DescribeHub answers the account's hub in the region; an account not subscribed gets InvalidAccessException, and a
hub that does not exist ResourceNotFoundException
(https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DescribeHub.html).
"""

from __future__ import annotations

from typing import Any

from pms_baseline.live.registry import Account, Inventory, check, collector, readable

HUB_TYPE = "aws:securityhub/account:Account"
NOT_ENABLED = ("InvalidAccessException", "ResourceNotFoundException")


@collector("securityhub")
def collect(live: Any, inv: Inventory) -> None:
    hub = live.client("securityhub", inv.region)
    inv.items["hub"] = inv.read(lambda: live.call(hub, "describe_hub", missing=NOT_ENABLED))


@check("securityhub-enabled", "securityhub")
def enabled(acct: Account):
    for inv in acct.each("securityhub"):
        if "hub" in inv.items and readable(inv.items["hub"]) and inv.items["hub"] is None:
            yield acct.live.finding(
                "securityhub-enabled", HUB_TYPE, f"securityhub-{inv.region}", inv.region,
                "Security Hub is not enabled, so no one sees the account's security findings in one place; "
                "enable it (aws securityhub enable-security-hub) or have the organisation enable it "
                "(164.308(a)(1)(ii)(D))",
                inv.region,
            )
