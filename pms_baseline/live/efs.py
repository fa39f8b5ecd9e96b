"""EFS file systems read live: encryption at rest judged by efs-file-system-encrypted, and compared with the state.

https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html (Encrypted, KmsKeyId, CreationToken; one
listing describes every file system, so there is no per-resource call to fail)
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import Inventory, collector, readable
from pms_baseline_pack import tokens as t


@collector("efs")
def collect(live, inv: Inventory) -> None:
    efs = live.client("efs", inv.region)
    systems = inv.read(lambda: list(live.pages(efs, "describe_file_systems", "FileSystems")))
    inv.complete = readable(systems)
    inv.items["file_systems"] = systems if readable(systems) else []


def file_system_props(fs: dict) -> dict:
    """A file system description in the engine's property names."""
    return {
        "arn": fs.get("FileSystemArn"),
        "creationToken": fs.get("CreationToken"),
        "encrypted": fs.get("Encrypted"),
        "kmsKeyId": fs.get("KmsKeyId"),
        "performanceMode": fs.get("PerformanceMode"),
        "throughputMode": fs.get("ThroughputMode"),
        "tags": {x["Key"]: x["Value"] for x in fs.get("Tags") or []},
    }


reader(
    t.EFS_FILE_SYSTEM, "efs", "file_systems", "file system",
    name=lambda fs: fs["FileSystemId"],
    ids=lambda fs: (fs["FileSystemId"], fs.get("FileSystemArn")),
    props=file_system_props,
    rules=("efs-file-system-encrypted",),
    compare=("encrypted", "performanceMode", "throughputMode"),
)
