"""S3 buckets and their settings as the pack's stack rules read them, so the bucket rules that span a bucket and
its configuration resources judge the account under their own ids: ACLs disabled (s3-bucket-acls-disabled), Object
Lock by default on the audit buckets (s3-bucket-object-lock-by-default), a lifecycle rule on every versioned bucket
(s3-bucket-versioned-lifecycle), a server-access-log target S3 can deliver to
(s3-access-log-target-accepts-delivery), an AWS Config delivery bucket without Object Lock that the recorder may
write to (config-delivery-bucket-object-lock-disabled, config-delivery-bucket-writable), and a load balancer
access-log bucket Elastic Load Balancing can write to (elb-access-log-bucket-accepts-delivery).

The bucket and its encryption, policy, versioning, Object Lock and logging are ``s3.collect``'s descriptions, each
presented as the configuration resource a program declares (aws:s3/bucketPolicy, bucketVersioning, ...) named by the
bucket; the collector here reads what that one does not, per bucket:
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html
(OwnershipControlsNotFoundError when none: then the bucket has no BucketOwnershipControls)
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html
(NoSuchLifecycleConfiguration when none; Rules with ID and Status Enabled or Disabled)
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html (ObjectLockEnabled, and Rule
with the DefaultRetention only when one is set)

Every bucket has a view of each configuration kind (a bucket without a policy shows a policy of None), which the
rules read as "declares none". A setting that cannot be read is unreadable, and a stack rule is then not run.
The delivery channel and recorder are kms_grants' readers, the recorder's role and policies iam_policies', the load
balancers elb's.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import GLOBAL, UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "s3-settings"


def _settings(live, inv: Inventory, s3, name: str) -> dict:
    call = live.call
    own = inv.read(lambda: call(s3, "get_bucket_ownership_controls", Bucket=name,
                                missing=("OwnershipControlsNotFoundError",)))
    life = inv.read(lambda: call(s3, "get_bucket_lifecycle_configuration", Bucket=name,
                                 missing=("NoSuchLifecycleConfiguration",)))
    return {
        "Name": name,
        "OwnershipControls": own["OwnershipControls"] if readable(own) and own else own,
        "LifecycleRules": life["Rules"] if readable(life) and life else life,
    }


@collector(SERVICE, scope=GLOBAL)
def collect(live, inv: Inventory) -> None:
    s3 = live.client("s3", live.home_region)
    names = inv.read(lambda: [b["Name"] for b in live.pages(s3, "list_buckets", "Buckets")])
    if not readable(names):
        inv.complete = False
        return
    with ThreadPoolExecutor(max_workers=live.max_workers) as pool:
        inv.items["bucket_settings"] = list(pool.map(lambda n: _settings(live, inv, s3, n), names))


def _or_unreadable(value, build):
    return UNREADABLE if not readable(value) else build(value)


def bucket_props(b: dict) -> dict:
    """A bucket in the engine's property names: name, ARN, tags and whether Object Lock is enabled."""
    return {
        "bucket": b["Name"],
        "arn": f"arn:aws:s3:::{b['Name']}",
        "tags": b["Tags"] if b.get("TagsRead", True) else UNREADABLE,
        "objectLockEnabled": _or_unreadable(b["ObjectLock"], lambda lock: (lock or {}).get("ObjectLockEnabled")
                                            == "Enabled"),
    }


def sse_props(b: dict) -> dict:
    return {"bucket": b["Name"], "rules": _or_unreadable(b["Encryption"], lambda rules: [{
        "applyServerSideEncryptionByDefault": {
            "sseAlgorithm": (r.get("ApplyServerSideEncryptionByDefault") or {}).get("SSEAlgorithm"),
            "kmsMasterKeyId": (r.get("ApplyServerSideEncryptionByDefault") or {}).get("KMSMasterKeyID")},
        "bucketKeyEnabled": r.get("BucketKeyEnabled")} for r in rules or []])}


def policy_props(b: dict) -> dict:
    return {"bucket": b["Name"], "policy": _or_unreadable(b["Policy"], lambda doc: json.dumps(doc) if doc else None)}


def versioning_props(b: dict) -> dict:
    return {"bucket": b["Name"],
            "versioningConfiguration": _or_unreadable(b["Versioning"], lambda status: {"status": status})}


def object_lock_props(b: dict) -> dict:
    def rule(lock):
        retention = ((lock or {}).get("Rule") or {}).get("DefaultRetention")
        if not retention:
            return None
        return {"defaultRetention": {"mode": retention.get("Mode"), "days": retention.get("Days"),
                                     "years": retention.get("Years")}}

    return {"bucket": b["Name"], "rule": _or_unreadable(b["ObjectLock"], rule)}


def logging_props(b: dict) -> dict:
    return {"bucket": b["Name"],
            "targetBucket": _or_unreadable(b["Logging"], lambda on: (on or {}).get("TargetBucket")),
            "targetPrefix": _or_unreadable(b["Logging"], lambda on: (on or {}).get("TargetPrefix"))}


def ownership_props(s: dict) -> dict:
    def rule(controls):
        owners = [r.get("ObjectOwnership") for r in (controls or {}).get("Rules") or []]
        return {"objectOwnership": owners[0]} if owners else None

    return {"bucket": s["Name"], "rule": _or_unreadable(s["OwnershipControls"], rule)}


def lifecycle_props(s: dict) -> dict:
    return {"bucket": s["Name"], "rules": _or_unreadable(s["LifecycleRules"], lambda rules: [
        {"id": r.get("ID"), "status": r.get("Status")} for r in rules or []])}


def _bucket_reader(token, aliases, key, service, noun, props, compare=()):
    reader(token, service, key, noun, name=lambda b: b["Name"], props=props, aliases=aliases, compare=compare)


_bucket_reader(t.S3_BUCKET, (t.S3_BUCKET_V2,), "buckets", "s3", "bucket", bucket_props)
_bucket_reader(t.S3_SSE, (t.S3_SSE_V2,), "buckets", "s3", "encryption of bucket", sse_props)
_bucket_reader(t.S3_POLICY, (), "buckets", "s3", "policy of bucket", policy_props)
_bucket_reader(t.S3_VERSIONING, (t.S3_VERSIONING_V2,), "buckets", "s3", "versioning of bucket", versioning_props,
               compare=("versioningConfiguration.status",))
_bucket_reader(t.S3_OBJECT_LOCK, (t.S3_OBJECT_LOCK_V2,), "buckets", "s3", "Object Lock of bucket",
               object_lock_props, compare=("rule.defaultRetention.mode",))
_bucket_reader(t.S3_LOGGING, (t.S3_LOGGING_V2,), "buckets", "s3", "logging of bucket", logging_props)
_bucket_reader(t.S3_OWNERSHIP_CONTROLS, (), "bucket_settings", SERVICE, "ownership controls of bucket",
               ownership_props, compare=("rule.objectOwnership",))
_bucket_reader(t.S3_LIFECYCLE, (t.S3_LIFECYCLE_V2,), "bucket_settings", SERVICE, "lifecycle of bucket",
               lifecycle_props)

stack_rule("s3-bucket-acls-disabled", SERVICE, (t.S3_BUCKET, t.S3_OWNERSHIP_CONTROLS), per_region=False)
stack_rule("s3-bucket-object-lock-by-default", SERVICE, (t.S3_BUCKET, t.S3_OBJECT_LOCK), per_region=False)
stack_rule("s3-bucket-versioned-lifecycle", SERVICE, (t.S3_BUCKET, t.S3_VERSIONING, t.S3_LIFECYCLE),
           per_region=False)
stack_rule("s3-access-log-target-accepts-delivery", SERVICE,
           (t.S3_BUCKET, t.S3_LOGGING, t.S3_SSE, t.S3_OBJECT_LOCK), per_region=False)
stack_rule("config-delivery-bucket-object-lock-disabled", SERVICE,
           (t.CONFIG_DELIVERY_CHANNEL, t.S3_BUCKET, t.S3_OBJECT_LOCK))
stack_rule("config-delivery-bucket-writable", SERVICE,
           (t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER, t.S3_BUCKET, t.S3_POLICY, t.IAM_ROLE, t.IAM_POLICY))
stack_rule("elb-access-log-bucket-accepts-delivery", SERVICE, (t.LOAD_BALANCER, t.S3_BUCKET, t.S3_SSE, t.S3_POLICY))
