"""KMS: customer-managed keys rotate and none is scheduled for deletion; and each customer-managed key read live
under the pre-deploy rules ``kms-key-enabled`` and ``kms-key-policy-no-wildcard-principal`` (its policy, as JSON
text, is also what the ``kms-key-grants-*`` stack rules of ``kms_grants.py`` judge).

https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html (KeyMetadata: Enabled, KeyState,
KeyManager, DeletionDate)
https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html (PolicyName ``default``, the only name a
key policy has; the policy as JSON text)

- A key pending deletion is disabled; it is ``kms-key-not-pending-deletion``'s finding (with its deletion date and
  the command that cancels it), so its ``isEnabled`` is not presented to ``kms-key-enabled``: one cause, one finding.
- ``kms-key-deletion-window-minimum`` is not read live: a key not scheduled for deletion has no window (it is a
  parameter of ScheduleKeyDeletion, not of the key), and a scheduled one shows only its DeletionDate
  (PendingDeletionWindowInDays is given only for a multi-Region primary key in PendingReplicaDeletion).
- A key whose policy cannot be read has it unreadable: neither rule judges it, and the grants rules skip the Region.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
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
        policy = inv.read(
            lambda k=key: live.call(kms, "get_key_policy", KeyId=k["KeyId"], PolicyName="default")["Policy"]
        )
        described.append(
            {
                "meta": meta,
                "rotation": rotation,
                "aliases": sorted(aliases.get(meta["KeyId"], [])),
                "policy": policy,
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


PENDING = ("PendingDeletion", "PendingReplicaDeletion")


def key_props(key: dict) -> dict:
    """A customer-managed key in the engine's property names (aws:kms/key:Key)."""
    meta = key["meta"]
    return {
        "keyId": meta.get("KeyId"),
        "arn": meta.get("Arn"),
        "description": meta.get("Description"),
        "keyUsage": meta.get("KeyUsage"),
        "customerMasterKeySpec": meta.get("KeySpec"),
        "isEnabled": None if meta.get("KeyState") in PENDING else meta.get("Enabled"),
        "policy": key.get("policy", UNREADABLE),
    }


reader(
    t.KMS_KEY, "kms", "keys", "key",
    name=_name,
    ids=lambda key: (key["meta"]["KeyId"], key["meta"].get("Arn"), *key["aliases"]),
    props=key_props,
    rules=("kms-key-enabled", "kms-key-policy-no-wildcard-principal"),
)
