"""S3 buckets and their configuration read live under the pack's bucket stack rules: ACLs disabled, Object Lock on
the audit buckets, a lifecycle on versioned buckets, deliverable server-access-log targets, an AWS Config delivery
bucket without Object Lock that the recorder may write to, and a load balancer access-log bucket ELB can write to;
drift of ownership controls."""

import json

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import BUCKET
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

ACLS = "s3-bucket-acls-disabled"
LOCK = "s3-bucket-object-lock-by-default"
LIFECYCLE = "s3-bucket-versioned-lifecycle"
LOG_TARGET = "s3-access-log-target-accepts-delivery"
CONFIG_LOCK = "config-delivery-bucket-object-lock-disabled"
CONFIG_WRITE = "config-delivery-bucket-writable"
ELB_LOGS = "elb-access-log-bucket-accepts-delivery"
ACCOUNT = "123456789012"
RECORDER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/config-recorder"
KMS = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
AES = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def bucket(account, name, encryption=None, tags=None, policy=None):
    s3 = account.client("s3")
    s3.create_bucket(Bucket=name)
    if encryption:
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration=encryption)
    if tags:
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]})
    if policy:
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": policy}))
    return name


def all_buckets(account):
    return [b["Name"] for b in account.client("s3").list_buckets()["Buckets"]]


def enforce_ownership(account):
    for name in all_buckets(account):
        account.client("s3").put_bucket_ownership_controls(
            Bucket=name, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})


def expire_noncurrent(account, name=BUCKET):
    account.client("s3").put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "noncurrent", "Status": "Enabled", "Filter": {},
         "NoncurrentVersionExpiration": {"NoncurrentDays": 90}}]})


def log_to(account, source, target):
    """Server access logging of ``source`` into ``target`` (moto wants the delivery grant in the policy)."""
    account.client("s3").put_bucket_policy(Bucket=target, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{target}/*"}]}))
    account.client("s3").put_bucket_logging(Bucket=source, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": "access/"}})


def config_delivery(account, bucket_name):
    cfg = account.client("config")
    cfg.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": RECORDER_ROLE, "recordingGroup": {"allSupported": True}})
    cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": bucket_name})


def recorder_may_write(name):
    return [{"Effect": "Allow", "Principal": {"AWS": RECORDER_ROLE}, "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
             "Resource": f"arn:aws:s3:::{name}"},
            {"Effect": "Allow", "Principal": {"AWS": RECORDER_ROLE}, "Action": "s3:PutObject",
             "Resource": f"arn:aws:s3:::{name}/AWSLogs/{ACCOUNT}/Config/*"}]


def elb_may_write(name):
    return [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::127311923021:root"}, "Action": "s3:PutObject",
             "Resource": f"arn:aws:s3:::{name}/AWSLogs/{ACCOUNT}/*"}]


def alb_logs_to(account, name):
    elb = account.client("elbv2")
    lb = elb.describe_load_balancers()["LoadBalancers"][0]
    elb.modify_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"], Attributes=[
        {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": name}])
    return lb["LoadBalancerName"]


def exercise(account):
    """Ownership controls and a lifecycle on every bucket (s3:ListAllMyBuckets, GetBucketOwnershipControls,
    GetLifecycleConfiguration, GetBucketTagging on every bucket; the rest are s3.collect's reads)."""
    enforce_ownership(account)
    for name in all_buckets(account):
        expire_noncurrent(account, name)


def test_buckets_enforcing_bucket_owner_ownership_pass(account):
    enforce_ownership(account)
    assert findings(account, ACLS) == []


def test_a_bucket_without_ownership_controls_is_a_finding(account):
    account.client("s3").delete_bucket_ownership_controls(Bucket=BUCKET)  # the baseline declares them
    assert findings(account, ACLS) == [(
        BUCKET, f"bucket {BUCKET} objectOwnership is unset; declare BucketOwnershipControls with "
        "object_ownership='BucketOwnerEnforced' (164.312(a)(1))")]


def test_the_locked_audit_bucket_passes(account):
    assert findings(account, LOCK) == []


def test_an_audit_bucket_without_object_lock_is_a_finding(account):
    bucket(account, "pms-prod-audit-copy", tags={"pms-role": "audit-logs"})
    assert findings(account, LOCK) == [(
        "pms-prod-audit-copy", "bucket pms-prod-audit-copy has objectLockEnabled false, so its records can be "
        "deleted or overwritten; create it with object_lock_enabled=True (164.312(c)(1))")]


def test_a_versioned_bucket_with_a_lifecycle_passes(account):
    expire_noncurrent(account)
    assert findings(account, LIFECYCLE) == []


def test_a_versioned_bucket_without_a_lifecycle_is_a_finding(account):
    account.client("s3").delete_bucket_lifecycle(Bucket=BUCKET)  # the baseline declares one
    assert findings(account, LIFECYCLE) == [(
        BUCKET, f"versioned bucket {BUCKET} has no enabled lifecycle rule, so every superseded version is kept at "
        "full price with no retention decision; declare a BucketLifecycleConfiguration that archives or expires "
        "noncurrent versions (164.316(b)(2)(i))")]


def test_an_sse_s3_access_log_target_passes(account):
    log_to(account, bucket(account, "pms-prod-records"), bucket(account, "pms-prod-access-logs", encryption=AES))
    assert findings(account, LOG_TARGET) == []


def test_an_sse_kms_access_log_target_is_a_finding(account):
    log_to(account, bucket(account, "pms-prod-records"), bucket(account, "pms-prod-access-logs", encryption=KMS))
    assert findings(account, LOG_TARGET) == [(
        "pms-prod-access-logs", "bucket pms-prod-access-logs receives S3 server access logs but encrypts with "
        "aws:kms; S3 delivers server access logs only to buckets with SSE-S3, so none arrive; set its default "
        "encryption to AES256")]


def test_config_delivering_to_an_unlocked_bucket_passes(account):
    config_delivery(account, bucket(account, "pms-prod-config"))
    assert findings(account, CONFIG_LOCK) == []


def test_config_delivering_to_the_locked_audit_bucket_is_a_finding(account):
    config_delivery(account, BUCKET)
    assert findings(account, CONFIG_LOCK) == [(
        "default", f"us-east-1: delivery channel default delivers to bucket {BUCKET}, which has S3 Object Lock "
        "enabled, and AWS Config does not support delivering to an Object-Locked bucket; give the delivery channel "
        "a bucket of its own without Object Lock")]


def test_a_config_bucket_letting_the_recorder_role_write_passes(account):
    config_delivery(account, bucket(account, "pms-prod-config", policy=recorder_may_write("pms-prod-config")))
    assert findings(account, CONFIG_WRITE) == []


def test_a_config_bucket_without_a_grant_to_the_recorder_role_is_a_finding(account):
    config_delivery(account, bucket(account, "pms-prod-config"))
    assert findings(account, CONFIG_WRITE) == [(
        "default", "us-east-1: delivery channel default writes to bucket pms-prod-config, but neither its bucket "
        f"policy nor the policies of role {RECORDER_ROLE} allow s3:GetBucketAcl, s3:ListBucket, s3:PutObject, so "
        "AWS Config refuses the delivery channel (InsufficientDeliveryPolicyException); grant them to the "
        "recorder's role or, for the service-linked role, to config.amazonaws.com in the bucket policy")]


def test_an_alb_logging_to_an_sse_s3_bucket_elb_may_write_passes(account):
    alb_logs_to(account, bucket(account, "pms-prod-lb-logs", encryption=AES, policy=elb_may_write("pms-prod-lb-logs")))
    assert findings(account, ELB_LOGS) == []


def test_an_alb_logging_to_a_kms_bucket_without_a_grant_is_a_finding(account):
    lb = alb_logs_to(account, bucket(account, "pms-prod-lb-logs", encryption=KMS))
    assert findings(account, ELB_LOGS) == [
        ("pms-prod-lb-logs", f"load balancer {lb} logs to bucket pms-prod-lb-logs, which encrypts with "
         "aws:kms; Elastic Load Balancing supports only SSE-S3 for access logs, so no log is delivered; set the "
         "bucket's default encryption to AES256"),
        ("pms-prod-lb-logs", f"load balancer {lb} logs to bucket pms-prod-lb-logs, whose policy does not "
         "let arn:aws:iam::127311923021:root or logdelivery.elasticloadbalancing.amazonaws.com s3:PutObject on "
         f"AWSLogs/{ACCOUNT}/*, so Elastic Load Balancing refuses the access-log setting; allow it in the bucket "
         "policy"),
    ]


def test_ownership_controls_changed_is_drift(account):
    account.client("s3").put_bucket_ownership_controls(
        Bucket=BUCKET, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]})
    state = state_of(resource(t.S3_OWNERSHIP_CONTROLS, "audit-ownership", BUCKET, bucket=BUCKET,
                              rule={"objectOwnership": "BucketOwnerEnforced"}))
    assert findings(account, "live-setting-drift", state) == [(
        "audit-ownership", "audit-ownership: rule.objectOwnership is 'ObjectWriter' in the account, "
        "'BucketOwnerEnforced' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_ownership_controls_of_a_deleted_bucket_are_missing(account):
    state = state_of(resource(t.S3_OWNERSHIP_CONTROLS, "gone-ownership", "pms-prod-gone", bucket="pms-prod-gone",
                              rule={"objectOwnership": "BucketOwnerEnforced"}))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["gone-ownership"]
