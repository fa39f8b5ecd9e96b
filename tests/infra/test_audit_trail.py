"""AuditTrail: every compliance setting of the trail, its Object-Locked bucket and its access-log bucket."""

from __future__ import annotations

import pytest

from pms_baseline_infra.components.audit_trail import AuditTrail, AuditTrailArgs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import ACCOUNT, AUDIT_KEY, REGION, only, policy, preview, tags_for

TRAIL_ARN = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/pms-prod-audit"
PHI_BUCKET = "arn:aws:s3:::pms-prod-documents"


def build(environment: str = "prod", days: int = 2190) -> AuditTrail:
    return AuditTrail(
        "pms",
        AuditTrailArgs(
            trail_name="pms-prod-audit",
            account_id=ACCOUNT,
            region=REGION,
            audit_key_arn=AUDIT_KEY,
            environment=environment,
            object_lock_days=days,
            log_retention_days=365,
            tags=tags_for(environment),
            data_event_bucket_arns=[PHI_BUCKET],
        ),
    )


@pytest.fixture(scope="module")
def doc():
    return preview(build, "prod")


def trail(doc):
    return only(doc, t.CLOUDTRAIL).props


def test_trail_multi_region(doc):
    assert trail(doc)["isMultiRegionTrail"] is True


def test_trail_global_service_events(doc):
    assert trail(doc)["includeGlobalServiceEvents"] is True


def test_trail_log_file_validation(doc):
    assert trail(doc)["enableLogFileValidation"] is True


def test_trail_kms(doc):
    assert trail(doc)["kmsKeyId"] == AUDIT_KEY


def test_trail_cloudwatch_delivery(doc):
    group = only(doc, t.LOG_GROUP).props
    role = only(doc, t.IAM_ROLE)
    assert trail(doc)["cloudWatchLogsGroupArn"] == f"{group['arn']}:*"
    assert trail(doc)["cloudWatchLogsRoleArn"] == role.props["arn"]
    assert group["kmsKeyId"] == AUDIT_KEY
    assert group["retentionInDays"] == 365
    role_policy = policy(only(doc, t.IAM_POLICY).props["policy"])
    assert role_policy["Statement"][0]["Resource"] == f"{group['arn']}:log-stream:*"


def test_trail_logs_role_policy_is_managed_not_inline(doc):
    # AWS Config's iam-no-inline-policy-check, which Monitoring deploys, flags any inline role policy.
    assert not doc.of_type(t.IAM_ROLE_POLICY)
    attachment = only(doc, t.IAM_ROLE_POLICY_ATTACHMENT).props
    assert attachment["policyArn"] == only(doc, t.IAM_POLICY).props["arn"]
    assert attachment["role"] == only(doc, t.IAM_ROLE).props["name"]
    trail_resource = only(doc, t.CLOUDTRAIL)
    assert only(doc, t.IAM_ROLE_POLICY_ATTACHMENT).urn in trail_resource.dependencies


def test_trail_logs_role_trust_is_the_documented_one(doc):
    # CloudTrail documents no aws:SourceArn / aws:SourceAccount for the CloudWatch Logs role's trust.
    trust = policy(only(doc, t.IAM_ROLE).props["assumeRolePolicy"])
    assert trust["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ]


def test_trail_selectors_management_read_write_and_phi_data_events(doc):
    selectors = trail(doc)["advancedEventSelectors"]
    assert selectors[0]["fieldSelectors"] == [{"field": "eventCategory", "equals": ["Management"]}]
    data = selectors[1]["fieldSelectors"]
    assert {"field": "eventCategory", "equals": ["Data"]} in data
    assert {"field": "resources.ARN", "startsWiths": [f"{PHI_BUCKET}/"]} in data


def audit_bucket(doc):
    return only(doc, t.S3_BUCKET, "pms-audit")


def for_bucket(doc, token, bucket):
    found = [r for r in doc.of_type(token) if r.props.get("bucket") == bucket.id]
    assert len(found) == 1, (token, bucket.name)
    return found[0].props


def test_bucket_object_lock_enabled_at_creation(doc):
    assert audit_bucket(doc).props["objectLockEnabled"] is True


def test_bucket_object_lock_compliance_six_years(doc):
    lock = for_bucket(doc, t.S3_OBJECT_LOCK, audit_bucket(doc))
    assert lock["rule"]["defaultRetention"]["mode"] == "COMPLIANCE"
    assert lock["rule"]["defaultRetention"]["days"] >= 2190


def test_prod_refuses_short_lock():
    # Under the mocks: a component built outside a Pulumi run leaves the runtime unusable.
    with pytest.raises(
        Exception, match="object_lock_days is 365; prod audit logs must be locked at least 2190"
    ):
        preview(lambda: build("prod", 365), "prod")


@pytest.mark.parametrize("name", ["pms-audit", "pms-audit-access-logs"])
def test_versioning(doc, name):
    bucket = only(doc, t.S3_BUCKET, name)
    assert for_bucket(doc, t.S3_VERSIONING, bucket)["versioningConfiguration"]["status"] == "Enabled"


def test_sse_kms_bucket_key(doc):
    rule = for_bucket(doc, t.S3_SSE, audit_bucket(doc))["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"] == {
        "sseAlgorithm": "aws:kms",
        "kmsMasterKeyId": AUDIT_KEY,
    }
    assert rule["bucketKeyEnabled"] is True


def test_access_log_bucket_encrypted(doc):
    rule = for_bucket(doc, t.S3_SSE, only(doc, t.S3_BUCKET, "pms-audit-access-logs"))["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"]["sseAlgorithm"] == "AES256"


@pytest.mark.parametrize("name", ["pms-audit", "pms-audit-access-logs"])
def test_public_access_block(doc, name):
    pab = for_bucket(doc, t.S3_PUBLIC_ACCESS_BLOCK, only(doc, t.S3_BUCKET, name))
    for flag in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"):
        assert pab[flag] is True, flag


@pytest.mark.parametrize("name", ["pms-audit", "pms-audit-access-logs"])
def test_ownership_enforced(doc, name):
    own = for_bucket(doc, t.S3_OWNERSHIP_CONTROLS, only(doc, t.S3_BUCKET, name))
    assert own["rule"]["objectOwnership"] == "BucketOwnerEnforced"


def statements(doc, name):
    bucket = only(doc, t.S3_BUCKET, name)
    return {s["Sid"]: s for s in policy(for_bucket(doc, t.S3_POLICY, bucket)["policy"])["Statement"]}


@pytest.mark.parametrize("name", ["pms-audit", "pms-audit-access-logs"])
def test_policy_denies_non_tls(doc, name):
    deny = statements(doc, name)["DenyInsecureTransport"]
    assert deny["Effect"] == "Deny"
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_policy_cloudtrail_only_this_trail(doc):
    s = statements(doc, "pms-audit")
    assert s["CloudTrailAclCheck"]["Condition"] == {"StringEquals": {"aws:SourceArn": TRAIL_ARN}}
    assert s["CloudTrailWrite"]["Condition"] == {
        "StringEquals": {"aws:SourceArn": TRAIL_ARN, "s3:x-amz-acl": "bucket-owner-full-control"}
    }


def test_audit_bucket_takes_no_config_deliveries(doc):
    # AWS Config cannot deliver to an Object-Locked bucket; it has its own (ConfigDelivery).
    principals = [s.get("Principal") for s in statements(doc, "pms-audit").values()]
    assert {"Service": "config.amazonaws.com"} not in principals


def test_access_log_bucket_allows_log_delivery(doc):
    s = statements(doc, "pms-audit-access-logs")["AllowServerAccessLogDelivery"]
    assert s["Principal"] == {"Service": "logging.s3.amazonaws.com"}


def test_server_access_logging(doc):
    logging = for_bucket(doc, t.S3_LOGGING, audit_bucket(doc))
    assert logging["targetBucket"] == only(doc, t.S3_BUCKET, "pms-audit-access-logs").id


def test_lifecycle_archives_without_expiry(doc):
    rule = for_bucket(doc, t.S3_LIFECYCLE, audit_bucket(doc))["rules"][0]
    assert [x["storageClass"] for x in rule["noncurrentVersionTransitions"]] == ["GLACIER", "DEEP_ARCHIVE"]
    assert "expiration" not in rule and "noncurrentVersionExpiration" not in rule
    assert rule["status"] == "Enabled" and rule["filter"] == {}
    assert rule["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 7}


def test_lifecycle_archives_the_log_files_themselves(doc):
    # CloudTrail writes each log file once: the files are current versions, so a rule that moves only noncurrent
    # versions never archives anything.
    rule = for_bucket(doc, t.S3_LIFECYCLE, audit_bucket(doc))["rules"][0]
    assert rule["transitions"] == [
        {"days": 90, "storageClass": "GLACIER"},
        {"days": 365, "storageClass": "DEEP_ARCHIVE"},
    ]


@pytest.mark.parametrize("name", ["pms-audit", "pms-audit-access-logs"])
def test_lifecycle_states_the_small_object_rule(doc, name):
    # Objects under 128 KB stay in S3 Standard; the configuration says so instead of relying on S3's default.
    lifecycle = for_bucket(doc, t.S3_LIFECYCLE, only(doc, t.S3_BUCKET, name))
    assert lifecycle["transitionDefaultMinimumObjectSize"] == "all_storage_classes_128K"


def test_access_log_bucket_lifecycle_keeps_six_years(doc):
    rule = for_bucket(doc, t.S3_LIFECYCLE, only(doc, t.S3_BUCKET, "pms-audit-access-logs"))["rules"][0]
    assert rule["status"] == "Enabled" and rule["filter"] == {}
    assert rule["expiration"] == {"days": 2190}
    assert rule["transitions"] == [{"days": 90, "storageClass": "GLACIER"}]
    assert rule["noncurrentVersionExpiration"] == {"noncurrentDays": 30}
    assert rule["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 7}
