"""Secrets Manager secrets read live from their listing alone: the key each is encrypted with, judged by
secretsmanager-secret-kms-encrypted. No secret's value is ever read (GetSecretValue is not called).

https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html (KmsKeyId: absent when the
secret uses the AWS managed key aws/secretsmanager; OwningService for a secret another service manages)

A secret another service owns (an RDS-managed master password, OwningService ``rds``) is not judged here: a
program declares the database, not that secret, and its key is judged under the owner's rule
(rds-instance-master-secret-encrypted), as the pre-deploy pack judges it.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import Inventory, collector, readable
from pms_baseline_pack import tokens as t


@collector("secretsmanager")
def collect(live, inv: Inventory) -> None:
    sm = live.client("secretsmanager", inv.region)
    secrets = inv.read(lambda: list(live.pages(sm, "list_secrets", "SecretList")))
    inv.complete = readable(secrets)
    inv.items["secrets"] = [s for s in secrets if not s.get("OwningService")] if readable(secrets) else []


def secret_props(s: dict) -> dict:
    """A secret's listing in the engine's property names."""
    return {
        "name": s.get("Name"),
        "arn": s.get("ARN"),
        "kmsKeyId": s.get("KmsKeyId"),
        "description": s.get("Description"),
        "tags": {x["Key"]: x["Value"] for x in s.get("Tags") or []},
    }


reader(
    t.SECRET, "secretsmanager", "secrets", "secret",
    name=lambda s: s["Name"],
    ids=lambda s: (s["ARN"], s["Name"]),
    props=secret_props,
    rules=("secretsmanager-secret-kms-encrypted",),
)
