import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_cloudtrail import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, ROOT, allow, key

CT = {"Service": "cloudtrail.amazonaws.com"}
TRAIL_ARN = f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/audit"
TRAIL = res(t.CLOUDTRAIL, "trail", name="audit", arn=TRAIL_ARN, s3BucketName="audit-logs", kmsKeyId=KEY_ARN)
GOOD = (allow(CT, "kms:GenerateDataKey*", StringEquals={"aws:SourceArn": TRAIL_ARN}), allow(CT, "kms:DescribeKey"))
BUCKET = res(t.S3_BUCKET, "audit-bucket", bucket="audit-logs")


def bucket_key():
    return res(
        t.S3_SSE,
        "audit-sse",
        bucket="audit-logs",
        rules=[
            {
                "bucketKeyEnabled": True,
                "applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": KEY_ARN},
            }
        ],
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([TRAIL, key(*GOOD)], [], id="pass-encrypt-and-describe"),
        pytest.param(
            [TRAIL, BUCKET, bucket_key(), key(*GOOD, allow(CT, "kms:Decrypt"))], [], id="pass-bucket-key-with-decrypt"
        ),
        pytest.param([TRAIL], [], id="pass-key-outside-stack"),
        pytest.param([TRAIL, res(t.KMS_KEY, "audit-key", arn=KEY_ARN, policy=UNKNOWN)], [], id="pass-unknown-policy"),
        pytest.param(
            [TRAIL, key(allow(ROOT, "kms:*"))],
            [
                Violation(
                    (
                        "trail audit encrypts with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let "
                        "cloudtrail.amazonaws.com kms:GenerateDataKey, kms:DescribeKey, so "
                        "CloudTrail refuses the trail (InsufficientEncryptionPolicyException); "
                        "allow cloudtrail.amazonaws.com those actions in the key policy with "
                        "aws:SourceArn arn:aws:cloudtrail:us-east-1:210987654321:trail/audit"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-no-cloudtrail-statement",
        ),
        pytest.param(
            [TRAIL, key(allow(CT, "*", StringEquals={"aws:SourceArn": TRAIL_ARN + "x"}))],
            [
                Violation(
                    (
                        "trail audit encrypts with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let "
                        "cloudtrail.amazonaws.com kms:GenerateDataKey, kms:DescribeKey, so "
                        "CloudTrail refuses the trail (InsufficientEncryptionPolicyException); "
                        "allow cloudtrail.amazonaws.com those actions in the key policy with "
                        "aws:SourceArn arn:aws:cloudtrail:us-east-1:210987654321:trail/audit"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-other-trail",
        ),
        pytest.param(
            [TRAIL, BUCKET, bucket_key(), key(*GOOD)],
            [
                Violation(
                    (
                        "trail audit encrypts with key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let "
                        "cloudtrail.amazonaws.com kms:Decrypt (its bucket uses an S3 Bucket Key), "
                        "so CloudTrail refuses the trail (InsufficientEncryptionPolicyException); "
                        "allow cloudtrail.amazonaws.com those actions in the key policy with "
                        "aws:SourceArn arn:aws:cloudtrail:us-east-1:210987654321:trail/audit"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-bucket-key-without-decrypt",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
