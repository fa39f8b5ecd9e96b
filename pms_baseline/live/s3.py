"""S3: buckets encrypted with KMS, private (public access block, ACL, policy), TLS-only, versioned and logging
server access; the
account's public access block; and Object Lock on the audit trail's bucket (judged in ``cloudtrail``)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from pms_baseline.live.registry import (
    GLOBAL,
    UNREADABLE,
    Account,
    Inventory,
    check,
    collector,
    judge_stack,
    readable,
)
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource

PAB_FLAGS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
PUBLIC_GRANTEES = {
    "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
}


def _policy(answer: dict | None) -> dict | None:
    """The bucket policy document; read inside ``inv.read`` so a policy that is not JSON fails this read only."""
    return None if answer is None else json.loads(answer["Policy"])


def _bucket(live, inv: Inventory, s3, name: str) -> dict:
    """Every setting the checks judge, one call each; an absent setting is None."""
    call = live.call
    out: dict = {"Name": name}
    loc = inv.read(lambda: call(s3, "get_bucket_location", Bucket=name))
    out["Region"] = (loc.get("LocationConstraint") or "us-east-1") if readable(loc) else ""
    enc = inv.read(
        lambda: call(
            s3,
            "get_bucket_encryption",
            Bucket=name,
            missing=("ServerSideEncryptionConfigurationNotFoundError",),
        )
    )
    out["Encryption"] = (
        enc if not readable(enc) or enc is None else enc["ServerSideEncryptionConfiguration"].get("Rules", [])
    )
    pab = inv.read(
        lambda: call(
            s3, "get_public_access_block", Bucket=name, missing=("NoSuchPublicAccessBlockConfiguration",)
        )
    )
    out["PublicAccessBlock"] = (
        pab if not readable(pab) or pab is None else pab["PublicAccessBlockConfiguration"]
    )
    pol = inv.read(lambda: _policy(call(s3, "get_bucket_policy", Bucket=name, missing=("NoSuchBucketPolicy",))))
    out["Policy"] = pol
    acl = inv.read(lambda: call(s3, "get_bucket_acl", Bucket=name))
    out["Grants"] = acl["Grants"] if readable(acl) else UNREADABLE
    ver = inv.read(lambda: call(s3, "get_bucket_versioning", Bucket=name))
    out["Versioning"] = ver.get("Status", "Disabled") if readable(ver) else UNREADABLE
    lock = inv.read(
        lambda: call(
            s3,
            "get_object_lock_configuration",
            Bucket=name,
            missing=("ObjectLockConfigurationNotFoundError",),
        )
    )
    out["ObjectLock"] = lock if not readable(lock) or lock is None else lock["ObjectLockConfiguration"]
    # https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLogging.html: no LoggingEnabled when off.
    logging = inv.read(lambda: call(s3, "get_bucket_logging", Bucket=name))
    out["Logging"] = logging.get("LoggingEnabled") if readable(logging) else UNREADABLE
    out["Tags"] = {}
    # Every bucket's tags: the checks here need them on a locked bucket (its environment's retention floor), an
    # SSE-S3 one (allowed on load balancer log buckets) and one not logging (the access-log bucket need not log its
    # own access); s3_settings' stack rules need them on every bucket (the audit trail's is tagged pms-role).
    tags = inv.read(lambda: call(s3, "get_bucket_tagging", Bucket=name, missing=("NoSuchTagSet",)))
    out["TagsRead"] = readable(tags)
    if readable(tags) and tags:
        out["Tags"] = {x["Key"]: x["Value"] for x in tags.get("TagSet", [])}
    return out


@collector("s3", scope=GLOBAL)
def collect(live, inv: Inventory) -> None:
    s3 = live.client("s3", live.home_region)
    names = inv.read(lambda: [b["Name"] for b in live.pages(s3, "list_buckets", "Buckets")])
    if not readable(names):
        inv.complete = False
        return
    with ThreadPoolExecutor(max_workers=live.max_workers) as pool:
        inv.items["buckets"] = list(pool.map(lambda n: _bucket(live, inv, s3, n), names))
    control = live.client("s3control", live.home_region)
    acct_pab = inv.read(
        lambda: live.call(
            control,
            "get_public_access_block",
            AccountId=live.account_id,
            missing=("NoSuchPublicAccessBlockConfiguration",),
        )
    )
    inv.items["account_pab"] = (
        acct_pab if not readable(acct_pab) or acct_pab is None else acct_pab["PublicAccessBlockConfiguration"]
    )


def _findings(acct: Account, rule_id: str, judge_bucket, named: bool = False):
    """Findings of ``judge_bucket`` for every bucket; ``named`` when its messages already name the bucket."""
    for b in acct.get("s3").items.get("buckets", []):
        for msg in judge_bucket(b):
            text = msg if named else f"bucket {b['Name']}: {msg}"
            yield acct.live.finding(rule_id, t.S3_BUCKET, b["Name"], b["Name"], text, b["Region"])


def _encryption(b: dict) -> list[str]:
    """The gate's own rule, over the bucket and its live default encryption (so exemptions stay in one place:
    load balancer log buckets, tagged pms-role=load-balancer-logs, may use SSE-S3)."""
    rules = b["Encryption"]
    if not readable(rules):
        return []
    name = b["Name"]
    views = [
        StackResource(urn="", type=t.S3_BUCKET, name=name, id=name, props={"bucket": name, "tags": b["Tags"]})
    ]
    if rules:
        views.append(
            StackResource(
                urn="",
                type=t.S3_SSE,
                name=name,
                id=name,
                props={
                    "bucket": name,
                    "rules": [
                        {
                            "applyServerSideEncryptionByDefault": {
                                "sseAlgorithm": (r.get("ApplyServerSideEncryptionByDefault") or {}).get(
                                    "SSEAlgorithm"
                                ),
                                "kmsMasterKeyId": (r.get("ApplyServerSideEncryptionByDefault") or {}).get(
                                    "KMSMasterKeyID"
                                ),
                            }
                        }
                        for r in rules
                    ],
                },
            )
        )
    return judge_stack("s3-bucket-kms-encrypted", views)


def _public_access_block(b: dict) -> list[str]:
    pab = b["PublicAccessBlock"]
    if not readable(pab):
        return []
    if pab is None:
        return ["has no public access block; block all four settings (164.312(a)(1))"]
    off = [f for f in PAB_FLAGS if not pab.get(f)]
    return [f"public access block has {', '.join(off)} off; turn all four on (164.312(a)(1))"] if off else []


def _statements(policy) -> list[dict]:
    if not policy or not readable(policy):
        return []
    stmts = policy.get("Statement", [])
    return [stmts] if isinstance(stmts, dict) else list(stmts)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _everyone(principal) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _as_list(principal.get("AWS", []))


def _tls_only(b: dict) -> list[str]:
    if not readable(b["Policy"]):
        return []
    for s in _statements(b["Policy"]):
        cond = (s.get("Condition") or {}).get("Bool") or {}
        actions = _as_list(s.get("Action", []))
        if (
            s.get("Effect") == "Deny"
            and _everyone(s.get("Principal"))
            and str(cond.get("aws:SecureTransport", "")).lower() == "false"
            and any(a in ("s3:*", "*") for a in actions)
        ):
            return []
    return [
        "policy has no Deny of s3:* when aws:SecureTransport is false, so plain HTTP is accepted; add "
        "the TLS-only statement (164.312(e)(1))"
    ]


def _policy_public(b: dict) -> list[str]:
    out = []
    for s in _statements(b["Policy"]):
        if s.get("Effect") == "Allow" and _everyone(s.get("Principal")) and not s.get("Condition"):
            actions = ", ".join(str(a) for a in _as_list(s.get("Action", [])))
            out.append(
                f"policy statement {s.get('Sid') or '(no Sid)'} allows {actions} to Principal '*'; "
                "remove it or restrict it to named accounts (164.312(a)(1))"
            )
    return out


def _acl_public(b: dict) -> list[str]:
    grants = b["Grants"]
    if not readable(grants):
        return []
    out = []
    for g in grants:
        who = PUBLIC_GRANTEES.get((g.get("Grantee") or {}).get("URI", ""))
        if who:
            out.append(
                f"ACL grants {g.get('Permission')} to {who}; remove the grant and disable ACLs with "
                "BucketOwnerEnforced (164.312(a)(1))"
            )
    return out


def _versioning(b: dict) -> list[str]:
    status = b["Versioning"]
    if not readable(status) or status == "Enabled":
        return []
    return [f"versioning is {status}; enable it so overwritten objects can be recovered (164.312(c)(1))"]


def _logging(b: dict) -> list[str]:
    """The gate's own rule over the bucket, its tags (the access-log bucket is exempt) and its live logging."""
    if not readable(b["Logging"]):
        return []
    target = (b["Logging"] or {}).get("TargetBucket")
    props = {"bucket": b["Name"], "tags": b["Tags"], "logging": {"targetBucket": target} if target else None}
    view = StackResource(urn="", type=t.S3_BUCKET, name=b["Name"], id=b["Name"], props=props)
    return judge_stack("s3-bucket-logging-enabled", [view])


@check("s3-bucket-logging-enabled", "s3")
def bucket_logging(acct: Account):
    yield from _findings(acct, "s3-bucket-logging-enabled", _logging, named=True)


@check("s3-bucket-kms-encrypted", "s3")
def bucket_encrypted(acct: Account):
    yield from _findings(acct, "s3-bucket-kms-encrypted", _encryption, named=True)


@check("s3-bucket-public-access-blocked", "s3")
def bucket_public_access_blocked(acct: Account):
    yield from _findings(acct, "s3-bucket-public-access-blocked", _public_access_block)


@check("s3-bucket-tls-only", "s3")
def bucket_tls_only(acct: Account):
    yield from _findings(acct, "s3-bucket-tls-only", _tls_only)


@check("s3-bucket-policy-not-public", "s3")
def bucket_policy_not_public(acct: Account):
    yield from _findings(acct, "s3-bucket-policy-not-public", _policy_public)


@check("s3-bucket-acl-not-public", "s3")
def bucket_acl_not_public(acct: Account):
    yield from _findings(acct, "s3-bucket-acl-not-public", _acl_public)


@check("s3-bucket-versioning-enabled", "s3")
def bucket_versioning(acct: Account):
    yield from _findings(acct, "s3-bucket-versioning-enabled", _versioning)


@check("account-s3-public-access-blocked", "s3")
def account_public_access_blocked(acct: Account):
    inv = acct.get("s3")
    if "account_pab" not in inv.items:
        return
    pab = inv.items["account_pab"]
    if not readable(pab):
        return
    off = list(PAB_FLAGS) if pab is None else [f for f in PAB_FLAGS if not pab.get(f)]
    if off:
        what = (
            "has no public access block" if pab is None else f"public access block has {', '.join(off)} off"
        )
        yield acct.live.finding(
            "account-s3-public-access-blocked",
            t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
            "account-public-access-block",
            acct.live.account_id,
            f"the account {what}; deploy AccountGuardrails (164.312(a)(1))",
        )
