"""Secrets Manager: secrets (key as declared)."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.SECRET)
def _secret(c: Context, r: Resource, p: dict[str, Any]):
    got = c.client("secretsmanager").create_secret(
        **kw(
            Name=p.get("name") or r.name,
            KmsKeyId=p.get("kmsKeyId"),
            Description=p.get("description"),
            Tags=tag_list(p) or None,
        )
    )
    return got["ARN"], {"arn": got["ARN"]}
