"""KMS: customer-managed keys (with rotation as declared) and their aliases."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.KMS_KEY)
def _kms_key(c: Context, r: Resource, p: dict[str, Any]):
    kms = c.client("kms")
    meta = kms.create_key(
        **kw(
            Description=p.get("description"),
            KeyUsage=p.get("keyUsage"),
            KeySpec=p.get("customerMasterKeySpec"),
            Policy=policy_text(p["policy"]) if present(p.get("policy")) else None,
            MultiRegion=p.get("multiRegion"),
            Tags=tag_list(p, "TagKey", "TagValue") or None,
        )
    )["KeyMetadata"]
    if p.get("enableKeyRotation"):
        kms.enable_key_rotation(KeyId=meta["KeyId"])
    return meta["KeyId"], {"arn": meta["Arn"], "keyId": meta["KeyId"]}


@handles(t.KMS_ALIAS)
def _kms_alias(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    c.client("kms").create_alias(AliasName=name, TargetKeyId=p["targetKeyId"])
    return name, {"arn": f"arn:aws:kms:{c.region}:{c.account}:{name}"}
