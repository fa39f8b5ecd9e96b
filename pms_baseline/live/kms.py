"""KMS: customer-managed keys rotate and none is scheduled for deletion."""

from __future__ import annotations

from pms_baseline.live.registry import UNREADABLE, Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t


@collector("kms")
def collect(live, inv: Inventory) -> None:
    kms = live.client("kms", inv.region)
    aliases: dict[str, list[str]] = {}
    listed = inv.read(lambda: list(live.pages(kms, "list_aliases", "Aliases")))
    for alias in listed if readable(listed) else []:
        if alias.get("TargetKeyId"):
            aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    keys = inv.read(lambda: list(live.pages(kms, "list_keys", "Keys")))
    if not readable(keys):
        inv.complete = False
        return
    described = []
    for key in keys:
        meta = inv.read(lambda k=key: live.call(kms, "describe_key", KeyId=k["KeyId"])["KeyMetadata"])
        names = aliases.get(key["KeyId"], [])
        inv.complete = inv.complete and readable(meta)
        if (
            not readable(meta)
            or meta.get("KeyManager") == "AWS"
            or (names and all(n.startswith("alias/aws/") for n in names))
        ):
            continue  # AWS-managed keys: AWS rotates them and nobody can schedule their deletion
        rotation = UNREADABLE
        if meta.get("KeyState") == "Enabled":
            rotation = inv.read(
                lambda k=key: live.call(
                    kms,
                    "get_key_rotation_status",
                    KeyId=k["KeyId"],
                    missing=("UnsupportedOperationException", "KMSInvalidStateException"),
                )
            )
        described.append(
            {
                "meta": meta,
                "rotation": rotation,
                "aliases": sorted(aliases.get(meta["KeyId"], [])),
            }
        )
    inv.items["keys"] = described


def _name(key: dict) -> str:
    return key["aliases"][0] if key["aliases"] else key["meta"]["KeyId"]


@check("kms-key-rotation-enabled", "kms")
def key_rotation(acct: Account):
    for inv in acct.each("kms"):
        for key in inv.items.get("keys", []):
            status = key["rotation"]
            if not readable(status) or status is None:
                continue
            meta = key["meta"]
            props = {
                "customerMasterKeySpec": meta.get("KeySpec"),
                "keyUsage": meta.get("KeyUsage"),
                "enableKeyRotation": bool(status.get("KeyRotationEnabled")),
            }
            for msg in judge("kms-key-rotation-enabled", props):
                yield acct.live.finding(
                    "kms-key-rotation-enabled",
                    t.KMS_KEY,
                    _name(key),
                    meta["Arn"],
                    f"key {_name(key)}: {msg}",
                    inv.region,
                )


@check("kms-key-not-pending-deletion", "kms")
def key_not_pending_deletion(acct: Account):
    for inv in acct.each("kms"):
        for key in inv.items.get("keys", []):
            meta = key["meta"]
            if meta.get("KeyState") != "PendingDeletion":
                continue
            when = meta.get("DeletionDate")
            when = when.date().isoformat() if hasattr(when, "date") else str(when or "unknown")
            yield acct.live.finding(
                "kms-key-not-pending-deletion",
                t.KMS_KEY,
                _name(key),
                meta["Arn"],
                f"key {_name(key)}: KeyState is PendingDeletion (deleted on {when}); run `aws kms "
                f"cancel-key-deletion --key-id {meta['KeyId']}` and enable the key (164.312(a)(2)(iv))",
                inv.region,
            )
