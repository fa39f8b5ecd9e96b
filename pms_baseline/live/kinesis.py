"""Kinesis data streams read live: encryption at rest judged by kinesis-stream-encrypted, and the stream's
settings compared with the state.

https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html (StreamNames, paginated)
https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html (EncryptionType NONE or KMS,
KeyId, RetentionPeriodHours, StreamModeDetails); a summary that cannot be read leaves the stream's settings
unreadable, so no rule judges it.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

_SETTINGS = ("encryptionType", "kmsKeyId", "retentionPeriod", "streamModeDetails")


@collector("kinesis")
def collect(live, inv: Inventory) -> None:
    kinesis = live.client("kinesis", inv.region)
    names = inv.read(lambda: list(live.pages(kinesis, "list_streams", "StreamNames")))
    if not readable(names):
        inv.complete = False
        return
    inv.items["streams"] = [
        {"StreamName": n, "Summary": inv.read(lambda n=n: live.call(
            kinesis, "describe_stream_summary", StreamName=n)["StreamDescriptionSummary"])}
        for n in names
    ]


def stream_props(stream: dict) -> dict:
    """A stream in the engine's property names; every setting unreadable when its summary was."""
    s = stream["Summary"]
    if not readable(s):
        return {"name": stream["StreamName"], **dict.fromkeys(_SETTINGS, UNREADABLE)}
    return {
        "name": stream["StreamName"],
        "arn": s.get("StreamARN"),
        "encryptionType": s.get("EncryptionType"),
        "kmsKeyId": s.get("KeyId"),
        "retentionPeriod": s.get("RetentionPeriodHours"),
        "streamModeDetails": {"streamMode": (s.get("StreamModeDetails") or {}).get("StreamMode")},
    }


reader(
    t.KINESIS_STREAM, "kinesis", "streams", "stream",
    name=lambda s: s["StreamName"],
    ids=lambda s: (s["StreamName"], s["Summary"].get("StreamARN") if readable(s["Summary"]) else None),
    props=stream_props,
    rules=("kinesis-stream-encrypted",),
    compare=("encryptionType", "retentionPeriod", "streamModeDetails.streamMode"),
)
