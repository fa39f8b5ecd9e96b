"""Drift in S3: buckets made public, public access blocks removed or weakened, encryption and the TLS-only policy
removed or downgraded."""

import json

import pytest

from tests.live.conftest import BUCKET, R

pytestmark = pytest.mark.moto


def _public_read_statement():
    return {
        "Sid": "VendorRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{BUCKET}/*",
    }


PAB_OFF = (
    "s3-bucket-public-access-blocked",
    R + f"bucket {BUCKET}: has no public access block; block all four settings (164.312(a)(1))",
)


def test_bucket_made_public_by_policy(account):
    s3 = account.client("s3")
    # AWS refuses a public policy while the public access block is on (moto does not), so a person removes
    # the block first, as they would have to.
    s3.delete_public_access_block(Bucket=BUCKET)
    policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    policy["Statement"].append(_public_read_statement())
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    assert account.findings() == [
        (
            "s3-bucket-policy-not-public",
            R + f"bucket {BUCKET}: policy statement VendorRead allows s3:GetObject to Principal '*'; "
            "remove it or "
            "restrict it to named accounts (164.312(a)(1))",
        ),
        PAB_OFF,
    ]


def test_bucket_made_public_by_acl(account):
    s3 = account.client("s3")
    s3.delete_public_access_block(Bucket=BUCKET)
    s3.put_bucket_acl(Bucket=BUCKET, ACL="public-read")
    assert account.findings() == [
        (
            "s3-bucket-acl-not-public",
            R + f"bucket {BUCKET}: ACL grants READ to AllUsers; remove the grant and disable ACLs with "
            "BucketOwnerEnforced (164.312(a)(1))",
        ),
        PAB_OFF,
    ]


def test_bucket_public_access_block_removed(account):
    account.client("s3").delete_public_access_block(Bucket=BUCKET)
    assert account.findings() == [PAB_OFF]


def test_bucket_public_access_block_weakened(account):
    account.client("s3").put_public_access_block(
        Bucket=BUCKET,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False,
        },
    )
    assert account.findings() == [
        (
            "s3-bucket-public-access-blocked",
            R + f"bucket {BUCKET}: public access block has BlockPublicPolicy, RestrictPublicBuckets off; "
            "turn all "
            "four on (164.312(a)(1))",
        )
    ]


def test_account_public_access_block_removed(account):
    account.client("s3control").delete_public_access_block(AccountId="123456789012")
    assert account.findings() == [
        (
            "account-s3-public-access-blocked",
            "the account has no public access block; deploy AccountGuardrails (164.312(a)(1))",
        )
    ]


def test_default_encryption_removed(account):
    account.client("s3").delete_bucket_encryption(Bucket=BUCKET)
    assert account.findings() == [
        (
            "s3-bucket-kms-encrypted",
            R + f"bucket {BUCKET} has no server-side encryption configuration, so S3 falls back to SSE-S3; "
            "declare a BucketServerSideEncryptionConfiguration with sse_algorithm='aws:kms' and a "
            "customer-managed key (164.312(a)(2)(iv))",
        )
    ]


def test_tls_only_policy_removed(account):
    account.client("s3").delete_bucket_policy(Bucket=BUCKET)
    assert account.findings() == [
        (
            "s3-bucket-tls-only",
            R + f"bucket {BUCKET}: policy has no Deny of s3:* when aws:SecureTransport is false, so "
            "plain HTTP is "
            "accepted; add the TLS-only statement (164.312(e)(1))",
        )
    ]


def _sse_s3(s3, bucket):
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )


def test_default_encryption_switched_to_sse_s3(account):
    _sse_s3(account.client("s3"), BUCKET)
    assert account.findings() == [
        (
            "s3-bucket-kms-encrypted",
            R + f"bucket {BUCKET} sseAlgorithm is AES256; set sse_algorithm='aws:kms' with a "
            "customer-managed key (164.312(a)(2)(iv))",
        )
    ]


def test_load_balancer_log_bucket_may_use_sse_s3(account):
    s3 = account.client("s3")
    for name, role in (("pms-prod-alb-logs", "load-balancer-logs"), ("pms-prod-exports", "exports")):
        s3.create_bucket(Bucket=name)
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": "pms-role", "Value": role}]})
        _sse_s3(s3, name)
    encryption = [m for rule, m in account.findings() if rule == "s3-bucket-kms-encrypted"]
    assert encryption == [
        R + "bucket pms-prod-exports sseAlgorithm is AES256; set sse_algorithm='aws:kms' with a "
        "customer-managed key (164.312(a)(2)(iv))"
    ]
