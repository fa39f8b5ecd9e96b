import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_access_log_target_accepts_delivery import check as rule
from tests.policy.rules.builders import res, urn

LOGGING = res(t.S3_LOGGING, "data-logging", bucket="data", targetBucket="access-logs")
TARGET = res(t.S3_BUCKET, "access-logs", bucket="access-logs")


def sse(algorithm):
    return res(
        t.S3_SSE,
        "access-logs-sse",
        bucket="access-logs",
        rules=[{"applyServerSideEncryptionByDefault": {"sseAlgorithm": algorithm}}],
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([LOGGING, TARGET, sse("AES256")], [], id="pass-sse-s3"),
        pytest.param(
            [LOGGING, res(t.S3_BUCKET, "access-logs", bucket="access-logs", objectLockEnabled=True)],
            [],
            id="pass-lock-without-default-retention",
        ),
        pytest.param(
            [LOGGING, TARGET, sse("aws:kms")],
            [
                Violation(
                    (
                        "bucket access-logs receives S3 server access logs but encrypts with "
                        "aws:kms; S3 delivers server access logs only to buckets with SSE-S3, so "
                        "none arrive; set its default encryption to AES256"
                    ),
                    urn("aws:s3/bucket:Bucket", "access-logs"),
                ),
            ],
            id="fail-sse-kms",
        ),
        pytest.param(
            [
                LOGGING,
                TARGET,
                res(
                    t.S3_OBJECT_LOCK,
                    "access-logs-lock",
                    bucket="access-logs",
                    rule={"defaultRetention": {"mode": "GOVERNANCE", "days": 1}},
                ),
            ],
            [
                Violation(
                    (
                        "bucket access-logs receives S3 server access logs but has an Object Lock "
                        "default retention period, which S3 does not support for a log target, so "
                        "none arrive; remove the default retention or send the logs to another "
                        "bucket"
                    ),
                    urn("aws:s3/bucket:Bucket", "access-logs"),
                ),
            ],
            id="fail-default-retention",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
