"""EBS snapshots: no snapshot the account owns can be restored by every AWS account
(ebs-snapshot-public-restorable-check); EBS volumes read live under ebs-volume-encrypted (encrypted with a
customer-managed key), with their settings compared with the state.

A snapshot is public when its createVolumePermission attribute holds the group ``all``; a Pulumi program cannot
declare that (aws:ec2/snapshotCreateVolumePermission shares with one account id), so only the account knows it.
https://docs.aws.amazon.com/config/latest/developerguide/ebs-snapshot-public-restorable-check.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshotAttribute.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html (Encrypted, KmsKeyId: always the
key's ARN, so an ARN alone cannot tell the AWS managed aws/ebs key from a customer-managed one)
https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html (KeyMetadata.KeyManager AWS or CUSTOMER)

A volume's key is described once per key: one AWS manages is shown to the rule as ``alias/aws/ebs`` (what it is),
and one that cannot be described leaves the volume's key unreadable, so the rule does not judge it.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

RULE = "ebs-snapshot-not-public"


@collector("ebs")
def collect(live, inv: Inventory) -> None:
    ec2 = live.client("ec2", inv.region)
    collect_volumes(live, inv)
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


AWS_EBS_KEY = "alias/aws/ebs"


def collect_volumes(live, inv: Inventory) -> None:
    """The Region's volumes, each with the manager of its key (``KeyManager``: AWS, CUSTOMER, or unreadable)."""
    ec2 = live.client("ec2", inv.region)
    volumes = inv.read(lambda: list(live.pages(ec2, "describe_volumes", "Volumes")))
    if not readable(volumes):
        inv.complete = False
        inv.items["volumes"] = []
        return
    kms = live.client("kms", inv.region)
    managers: dict[str, object] = {}
    for v in volumes:
        key = v.get("KmsKeyId")
        if key and key not in managers:
            managers[key] = inv.read(lambda key=key: live.call(kms, "describe_key", KeyId=key)["KeyMetadata"]
                                     ["KeyManager"])
    inv.items["volumes"] = [{**v, "KeyManager": managers.get(v.get("KmsKeyId"))} for v in volumes]


def volume_props(v: dict) -> dict:
    """A volume's description in the engine's property names."""
    key, manager = v.get("KmsKeyId"), v.get("KeyManager")
    if key and not readable(manager):
        key = UNREADABLE
    elif key and manager == "AWS":
        key = AWS_EBS_KEY
    return {
        "availabilityZone": v.get("AvailabilityZone"),
        "encrypted": v.get("Encrypted"),
        "kmsKeyId": key,
        "size": v.get("Size"),
        "type": v.get("VolumeType"),
        "iops": v.get("Iops"),
        "throughput": v.get("Throughput"),
        "snapshotId": v.get("SnapshotId") or None,
        "tags": {x["Key"]: x["Value"] for x in v.get("Tags") or []},
    }


reader(
    t.EBS_VOLUME, "ebs", "volumes", "volume",
    name=lambda v: v["VolumeId"],
    ids=lambda v: (v["VolumeId"],),
    props=volume_props,
    rules=("ebs-volume-encrypted",),
    compare=("encrypted", "size", "type", "availabilityZone"),
)
