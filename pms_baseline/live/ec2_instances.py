"""EC2 instances: none has been stopped longer than allowedDays (ec2-stopped-instance, default 30 days); every
instance that is not terminated read live under the pre-deploy rules' ids (IMDSv2 required, placed in a VPC subnet,
no public IP, an instance profile attached), with its settings compared with the state.

A stopped instance misses every patch and agent update while it sleeps, and starts again as it was. When an
instance stopped is read from its StateTransitionReason, "User initiated (2026-01-01 10:00:00 GMT)"; an instance
whose stop time cannot be read fails, as AWS Config's rule does.
https://docs.aws.amazon.com/config/latest/developerguide/ec2-stopped-instance.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html (stateTransitionReason; metadataOptions
httpTokens; subnetId, absent for an instance outside a VPC; publicIpAddress; iamInstanceProfile, its ARN, whose last
segment is the profile name the engine's iamInstanceProfile holds)
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html

associatePublicIpAddress is read as the provider reads it back: true when the instance has a public IPv4 address.
One listing describes every instance, so there is no per-resource call to fail.
"""

from __future__ import annotations

import datetime as dt
import re

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

RULE = "ec2-instance-not-stopped-long"
_STOPPED_AT = re.compile(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)")


def stopped_at(reason: str | None) -> dt.datetime | None:
    """When the instance stopped, from its StateTransitionReason; None when the reason does not say."""
    m = _STOPPED_AT.search(reason or "")
    return dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC) if m else None


def instances_in_state(live, inv: Inventory, *states: str) -> list[dict] | None:
    """The region's instances in ``states`` (running, stopped, ...); None when the listing could not be read (the
    inventory is then marked incomplete)."""
    ec2 = live.client("ec2", inv.region)
    reservations = inv.read(lambda: list(live.pages(
        ec2, "describe_instances", "Reservations",
        Filters=[{"Name": "instance-state-name", "Values": list(states)}],
    )))
    if not readable(reservations):
        inv.complete = False
        return None
    return [i for r in reservations for i in r.get("Instances", []) if i.get("State", {}).get("Name") in states]


LIVE_STATES = ("pending", "running", "stopping", "stopped")


@collector("ec2-instances")
def collect(live, inv: Inventory) -> None:
    instances = instances_in_state(live, inv, *LIVE_STATES)
    inv.items["instances"] = instances or []
    if instances is not None:
        inv.items["stopped"] = {i["InstanceId"]: i.get("StateTransitionReason") or "" for i in instances
                                if i.get("State", {}).get("Name") == "stopped"}


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


def instance_props(i: dict) -> dict:
    """An instance's description in the engine's property names."""
    options = i.get("MetadataOptions") or {}
    profile = (i.get("IamInstanceProfile") or {}).get("Arn") or ""
    return {
        "ami": i.get("ImageId"),
        "instanceType": i.get("InstanceType"),
        "subnetId": i.get("SubnetId"),
        "associatePublicIpAddress": bool(i.get("PublicIpAddress")),
        "iamInstanceProfile": profile.rsplit("/", 1)[-1] if profile else None,
        "metadataOptions": {
            "httpTokens": options.get("HttpTokens"),
            "httpEndpoint": options.get("HttpEndpoint"),
            "httpPutResponseHopLimit": options.get("HttpPutResponseHopLimit"),
        },
        "ebsOptimized": i.get("EbsOptimized"),
        "monitoring": (i.get("Monitoring") or {}).get("State") in ("enabled", "pending"),
        "tags": {x["Key"]: x["Value"] for x in i.get("Tags") or []},
    }


reader(
    t.EC2_INSTANCE, "ec2-instances", "instances", "instance",
    name=lambda i: i["InstanceId"],
    ids=lambda i: (i["InstanceId"],),
    props=instance_props,
    rules=("ec2-instance-imdsv2-required", "ec2-instance-in-vpc-subnet", "ec2-instance-no-public-ip",
           "ec2-instance-profile-attached"),
    compare=("instanceType", "subnetId", "associatePublicIpAddress", "metadataOptions.httpTokens", "ebsOptimized",
             "monitoring"),
)
