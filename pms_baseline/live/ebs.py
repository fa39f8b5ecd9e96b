"""EBS snapshots: no snapshot the account owns can be restored by every AWS account
(ebs-snapshot-public-restorable-check).

A snapshot is public when its createVolumePermission attribute holds the group ``all``; a Pulumi program cannot
declare that (aws:ec2/snapshotCreateVolumePermission shares with one account id), so only the account knows it.
https://docs.aws.amazon.com/config/latest/developerguide/ebs-snapshot-public-restorable-check.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshotAttribute.html
"""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

RULE = "ebs-snapshot-not-public"


@collector("ebs")
def collect(live, inv: Inventory) -> None:
    ec2 = live.client("ec2", inv.region)
    snapshots = inv.read(lambda: list(live.pages(ec2, "describe_snapshots", "Snapshots", OwnerIds=["self"])))
    if not readable(snapshots):
        inv.complete = False
        return
    inv.items["snapshots"] = {
        s["SnapshotId"]: inv.read(lambda sid=s["SnapshotId"]: live.call(
            ec2, "describe_snapshot_attribute", Attribute="createVolumePermission", SnapshotId=sid
        ).get("CreateVolumePermissions") or [])
        for s in snapshots
    }


@check(RULE, "ebs")
def snapshot_not_public(acct: Account):
    for inv in acct.each("ebs"):
        for sid, permissions in sorted(inv.items.get("snapshots", {}).items()):
            if readable(permissions) and any(p.get("Group") == "all" for p in permissions):
                yield acct.live.finding(
                    RULE, t.EBS_SNAPSHOT, sid, sid,
                    f"snapshot {sid}: createVolumePermission grants group all, so every AWS account can create a "
                    f"volume from it; run `aws ec2 modify-snapshot-attribute --snapshot-id {sid} --attribute "
                    "createVolumePermission --operation-type remove --group-names all` (164.312(a)(1))",
                    inv.region,
                )
