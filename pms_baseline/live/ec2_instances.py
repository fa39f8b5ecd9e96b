"""EC2 instances: none has been stopped longer than allowedDays (ec2-stopped-instance, default 30 days).

A stopped instance misses every patch and agent update while it sleeps, and starts again as it was. When an
instance stopped is read from its StateTransitionReason, "User initiated (2026-01-01 10:00:00 GMT)"; an instance
whose stop time cannot be read fails, as AWS Config's rule does.
https://docs.aws.amazon.com/config/latest/developerguide/ec2-stopped-instance.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html (stateTransitionReason)
"""

from __future__ import annotations

import datetime as dt
import re

from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

RULE = "ec2-instance-not-stopped-long"
_STOPPED_AT = re.compile(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)")


def stopped_at(reason: str | None) -> dt.datetime | None:
    """When the instance stopped, from its StateTransitionReason; None when the reason does not say."""
    m = _STOPPED_AT.search(reason or "")
    return dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC) if m else None


def instances_in_state(live, inv: Inventory, state: str) -> list[dict] | None:
    """The region's instances in ``state`` (running, stopped, ...); None when the listing could not be read (the
    inventory is then marked incomplete)."""
    ec2 = live.client("ec2", inv.region)
    reservations = inv.read(lambda: list(live.pages(
        ec2, "describe_instances", "Reservations",
        Filters=[{"Name": "instance-state-name", "Values": [state]}],
    )))
    if not readable(reservations):
        inv.complete = False
        return None
    return [i for r in reservations for i in r.get("Instances", []) if i.get("State", {}).get("Name") == state]


@collector("ec2-instances")
def collect(live, inv: Inventory) -> None:
    stopped = instances_in_state(live, inv, "stopped")
    if stopped is not None:
        inv.items["stopped"] = {i["InstanceId"]: i.get("StateTransitionReason") or "" for i in stopped}


@check(RULE, "ec2-instances")
def not_stopped_long(acct: Account, now: dt.datetime | None = None):
    allowed = int(acct.live.rule_config(RULE)["allowedDays"])
    now = now or dt.datetime.now(dt.UTC)
    for inv in acct.each("ec2-instances"):
        for iid, reason in sorted(inv.items.get("stopped", {}).items()):
            since = stopped_at(reason)
            if since is None:
                what = f"is stopped and its stop time cannot be read (StateTransitionReason {reason or 'empty'!r})"
            elif (now - since).days > allowed:
                what = f"has been stopped for {(now - since).days} days (since {since:%Y-%m-%d})"
            else:
                continue
            yield acct.live.finding(
                RULE, t.EC2_INSTANCE, iid, iid,
                f"instance {iid} {what}, more than the {allowed} allowed, so it misses every patch while it "
                "sleeps; start and patch it, or terminate it (164.308(a)(1)(ii)(B))",
                inv.region,
            )
