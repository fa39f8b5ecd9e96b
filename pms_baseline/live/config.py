"""AWS Config: a configuration recorder that is recording, with a delivery channel, in every verified region."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge_stack, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource

RULE = "config-recorder-enabled"


@collector("config")
def collect(live, inv: Inventory) -> None:
    # https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorderStatus.html:
    # "recording" is false once StopConfigurationRecorder ran; the recorder itself stays described.
    cfg = live.client("config", inv.region)
    recorders = inv.read(lambda: live.call(cfg, "describe_configuration_recorders")["ConfigurationRecorders"])
    statuses = inv.read(
        lambda: live.call(cfg, "describe_configuration_recorder_status")["ConfigurationRecordersStatus"]
    )
    channels = inv.read(lambda: live.call(cfg, "describe_delivery_channels")["DeliveryChannels"])
    inv.complete = readable(recorders, statuses, channels)
    inv.items["recorders"] = recorders if readable(recorders) else []
    inv.items["recorder_status"] = {s["name"]: s.get("recording") for s in statuses} if readable(statuses) else {}
    inv.items["channels"] = channels if readable(channels) else []


def views(inv: Inventory) -> list[StackResource]:
    """The region's recorders, their status and delivery channels as the stack rule reads them."""
    out = []
    for rec in inv.items.get("recorders", []):
        name = rec["name"]
        out.append(StackResource(urn="", type=t.CONFIG_RECORDER, name=name, props={"name": name}, id=name))
        if name in inv.items.get("recorder_status", {}):
            recording = inv.items["recorder_status"][name]
            out.append(
                StackResource(urn="", type=t.CONFIG_RECORDER_STATUS, name=name,
                              props={"name": name, "isEnabled": recording}, id=name)
            )
    for ch in inv.items.get("channels", []):
        out.append(StackResource(urn="", type=t.CONFIG_DELIVERY_CHANNEL, name=ch["name"], props=ch, id=ch["name"]))
    return out


@check(RULE, "config")
def recorder_enabled(acct: Account):
    for inv in acct.each("config"):
        if not inv.complete:
            continue
        recorders = inv.items.get("recorders", [])
        ident = recorders[0]["name"] if len(recorders) == 1 else inv.region
        for msg in judge_stack(RULE, views(inv), acct.live.rule_config(RULE)):
            msg = msg.replace("the stack declares no", "the region has no").replace("status isEnabled", "recording")
            yield acct.live.finding(
                RULE, t.CONFIG_RECORDER, ident, ident, f"AWS Config: {msg}", inv.region
            )
