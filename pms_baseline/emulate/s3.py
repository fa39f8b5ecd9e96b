"""S3: buckets and their configuration resources, and the account's public access block."""

from __future__ import annotations

import json
from typing import Any

from pms_baseline.emulate.context import Context, NotEmulated, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t

FIRST_DELIVERY_KEY = "AWSLogs/{account}/CloudTrail/{region}/emulated-first-delivery.json.gz"


@handles(*t.S3_BUCKETS)
def _bucket(c: Context, r: Resource, p: dict[str, Any]):
    s3 = c.client("s3")
    name = p.get("bucket") or r.id
    kwargs: dict[str, Any] = {"Bucket": name}
    if c.region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": c.region}
    if p.get("objectLockEnabled"):
        kwargs["ObjectLockEnabledForBucket"] = True
    s3.create_bucket(**kwargs)
    if tag_list(p):
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tag_list(p)})
    return name, {"arn": f"arn:aws:s3:::{name}"}


@handles(*t.S3_SSES)
def _bucket_sse(c: Context, r: Resource, p: dict[str, Any]):
    rules = []
    for rule in p.get("rules") or []:
        default = rule.get("applyServerSideEncryptionByDefault") or {}
        rules.append(
            {
                "ApplyServerSideEncryptionByDefault": kw(
                    SSEAlgorithm=default.get("sseAlgorithm"), KMSMasterKeyID=default.get("kmsMasterKeyId")
                ),
                **kw(BucketKeyEnabled=rule.get("bucketKeyEnabled")),
            }
        )
    c.client("s3").put_bucket_encryption(
        Bucket=p["bucket"], ServerSideEncryptionConfiguration={"Rules": rules}
    )
    return p["bucket"], {}


@handles(*t.S3_VERSIONINGS)
def _bucket_versioning(c: Context, r: Resource, p: dict[str, Any]):
    conf = p.get("versioningConfiguration") or {}
    c.client("s3").put_bucket_versioning(
        Bucket=p["bucket"], VersioningConfiguration={"Status": conf.get("status", "Enabled")}
    )
    return p["bucket"], {}


@handles(*t.S3_LOGGINGS)
def _bucket_logging(c: Context, r: Resource, p: dict[str, Any]):
    s3 = c.client("s3")
    status = {"LoggingEnabled": {"TargetBucket": p["targetBucket"], "TargetPrefix": p.get("targetPrefix", "")}}
    put = lambda: s3.put_bucket_logging(Bucket=p["bucket"], BucketLoggingStatus=status)  # noqa: E731
    policy = _policy_of(s3, p["targetBucket"])
    if policy and any(not isinstance(st.get("Principal"), dict) for st in policy.get("Statement", [])):
        # moto gap: its check of the target's policy reads every statement's Principal as a map and fails on the
        # TLS-only statement's Principal "*" (AWS accepts the policy as is). So the check is shown the statements
        # whose Principal is a map, logging is put, and the target's whole policy is put back.
        s3.put_bucket_policy(Bucket=p["targetBucket"], Policy=json.dumps(
            {**policy, "Statement": [st for st in policy["Statement"] if isinstance(st.get("Principal"), dict)]}))
        try:
            put()
        finally:
            s3.put_bucket_policy(Bucket=p["targetBucket"], Policy=json.dumps(policy))
    else:
        put()
    return p["bucket"], {}


def _policy_of(s3, bucket: str) -> dict[str, Any] | None:
    """``bucket``'s policy document, None when it has none."""
    try:
        return json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    except s3.exceptions.ClientError:
        return None


@handles(*t.S3_LIFECYCLES)
def _bucket_lifecycle(c: Context, r: Resource, p: dict[str, Any]):
    rules = []
    for rule in p.get("rules") or []:
        out: dict[str, Any] = {
            "ID": rule.get("id", "rule"),
            "Status": rule.get("status", "Enabled"),
            "Filter": {"Prefix": ((rule.get("filter") or {}).get("prefix") or "")},
        }
        exp = rule.get("noncurrentVersionExpiration") or {}
        if exp.get("noncurrentDays"):
            out["NoncurrentVersionExpiration"] = {"NoncurrentDays": int(exp["noncurrentDays"])}
        if (rule.get("expiration") or {}).get("days"):
            out["Expiration"] = {"Days": int(rule["expiration"]["days"])}
        abort = rule.get("abortIncompleteMultipartUpload") or {}
        if abort.get("daysAfterInitiation"):
            out["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": int(abort["daysAfterInitiation"])}
        for tr_key, api_key, days_key in (
            ("transitions", "Transitions", "days"),
            ("noncurrentVersionTransitions", "NoncurrentVersionTransitions", "noncurrentDays"),
        ):
            trs = [
                {
                    ("Days" if days_key == "days" else "NoncurrentDays"): int(x[days_key]),
                    "StorageClass": x["storageClass"],
                }
                for x in rule.get(tr_key) or []
                if x.get(days_key)
            ]
            if trs:
                out[api_key] = trs
        rules.append(out)
    c.client("s3").put_bucket_lifecycle_configuration(
        Bucket=p["bucket"], LifecycleConfiguration={"Rules": rules}
    )
    return p["bucket"], {}


@handles(*t.S3_OBJECT_LOCKS)
def _bucket_object_lock(c: Context, r: Resource, p: dict[str, Any]):
    rule = p.get("rule") or {}
    ret = rule.get("defaultRetention") or {}
    conf: dict[str, Any] = {"ObjectLockEnabled": p.get("objectLockEnabled", "Enabled")}
    if ret:
        conf["Rule"] = {
            "DefaultRetention": kw(Mode=ret.get("mode"), Days=ret.get("days"), Years=ret.get("years"))
        }
    s3 = c.client("s3")
    s3.put_object_lock_configuration(Bucket=p["bucket"], ObjectLockConfiguration=conf)
    # moto gap: a TLS-only bucket policy blocks moto's own object writes, so the first log delivery is
    # written now, before the policy; it is a locked object version to prove deletion fails.
    key = FIRST_DELIVERY_KEY.format(account=c.account, region=c.region)
    s3.put_object(Bucket=p["bucket"], Key=key, Body=b'{"Records": []}')
    return p["bucket"], {}


@handles(*t.S3_ACLS)
def _bucket_acl(c: Context, r: Resource, p: dict[str, Any]):
    if not present(p.get("acl")):
        raise NotEmulated("only canned ACLs are emulated")
    c.client("s3").put_bucket_acl(Bucket=p["bucket"], ACL=p["acl"])
    return p["bucket"], {}


@handles(t.S3_OWNERSHIP_CONTROLS)
def _bucket_ownership(c: Context, r: Resource, p: dict[str, Any]):
    rule = p.get("rule") or {}
    c.client("s3").put_bucket_ownership_controls(
        Bucket=p["bucket"],
        OwnershipControls={
            "Rules": [{"ObjectOwnership": rule.get("objectOwnership", "BucketOwnerEnforced")}]
        },
    )
    return p["bucket"], {}


@handles(t.S3_PUBLIC_ACCESS_BLOCK)
def _bucket_pab(c: Context, r: Resource, p: dict[str, Any]):
    c.client("s3").put_public_access_block(Bucket=p["bucket"], PublicAccessBlockConfiguration=_pab(p))
    return p["bucket"], {}


def _pab(p: dict[str, Any]) -> dict[str, bool]:
    return {
        "BlockPublicAcls": bool(p.get("blockPublicAcls")),
        "IgnorePublicAcls": bool(p.get("ignorePublicAcls")),
        "BlockPublicPolicy": bool(p.get("blockPublicPolicy")),
        "RestrictPublicBuckets": bool(p.get("restrictPublicBuckets")),
    }


@handles(t.S3_POLICY)
def _bucket_policy(c: Context, r: Resource, p: dict[str, Any]):
    c.client("s3").put_bucket_policy(Bucket=p["bucket"], Policy=policy_text(p["policy"]))
    return p["bucket"], {}


@handles(t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK)
def _account_pab(c: Context, r: Resource, p: dict[str, Any]):
    c.client("s3control").put_public_access_block(AccountId=c.account, PublicAccessBlockConfiguration=_pab(p))
    return c.account, {"accountId": c.account}
