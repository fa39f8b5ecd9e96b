import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_kms_encrypted import check as rule
from tests.policy.rules.builders import KEY_ARN, res, urn

BUCKET = urn(t.S3_BUCKET, "audit")


def bucket(**props):
    return res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4", **props)


def sse(algorithm, key=None, token=t.S3_SSE, target="audit-1a2b3c4"):
    default = {"sseAlgorithm": algorithm}
    if key:
        default["kmsMasterKeyId"] = key
    rules = [{"applyServerSideEncryptionByDefault": default, "bucketKeyEnabled": True}]
    return res(token, "audit-sse", bucket=target, rules=rules)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([bucket(), sse("aws:kms", KEY_ARN)], [], id="pass-kms-cmk"),
        pytest.param([bucket(), sse("aws:kms", KEY_ARN, token=t.S3_SSE_V2)], [], id="pass-v2-token"),
        pytest.param(
            [res(t.S3_BUCKET_V2, "audit", bucket="audit-1a2b3c4"), sse("aws:kms:dsse", KEY_ARN)],
            [],
            id="pass-dsse",
        ),
        pytest.param(
            [
                bucket(
                    serverSideEncryptionConfiguration={
                        "rule": {
                            "applyServerSideEncryptionByDefault": {
                                "sseAlgorithm": "aws:kms",
                                "kmsMasterKeyId": KEY_ARN,
                            }
                        }
                    }
                )
            ],
            [],
            id="pass-inline",
        ),
        pytest.param(
            [bucket(tags={"pms-role": "load-balancer-logs"}), sse("AES256")],
            [],
            id="pass-elb-log-bucket-sse-s3",
        ),
        pytest.param(
            [bucket(tags={"pms-role": "access-logs"}), sse("AES256")],
            [],
            id="pass-server-access-log-bucket-sse-s3",
        ),
        pytest.param(
            [bucket()],
            [
                Violation(
                    "bucket audit-1a2b3c4 has no server-side encryption configuration, so S3 falls back to "
                    "SSE-S3; declare a BucketServerSideEncryptionConfiguration with "
                    "sse_algorithm='aws:kms' and a customer-managed key (164.312(a)(2)(iv))",
                    BUCKET,
                )
            ],
            id="fail-no-configuration",
        ),
        pytest.param(
            [bucket(), sse("aws:kms", KEY_ARN, target="other-bucket")],
            [
                Violation(
                    "bucket audit-1a2b3c4 has no server-side encryption configuration, so S3 falls back to "
                    "SSE-S3; declare a BucketServerSideEncryptionConfiguration with "
                    "sse_algorithm='aws:kms' and a customer-managed key (164.312(a)(2)(iv))",
                    BUCKET,
                )
            ],
            id="fail-configuration-of-another-bucket",
        ),
        pytest.param(
            [bucket(), sse("AES256")],
            [
                Violation(
                    "bucket audit-1a2b3c4 sseAlgorithm is AES256; set sse_algorithm='aws:kms' with a "
                    "customer-managed key (164.312(a)(2)(iv))",
                    BUCKET,
                )
            ],
            id="fail-sse-s3",
        ),
        pytest.param(
            [bucket(), sse("aws:kms")],
            [
                Violation(
                    "bucket audit-1a2b3c4 kmsMasterKeyId is unset, so S3 uses the AWS-managed key aws/s3; "
                    "set kms_master_key_id to a customer-managed key (164.312(a)(2)(iv))",
                    BUCKET,
                )
            ],
            id="fail-aws-managed-key",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected


def test_configuration_of_a_not_yet_named_bucket_counts():
    from pms_baseline.state import UNKNOWN

    assert rule.run_stack([bucket(), sse("aws:kms", KEY_ARN, target=UNKNOWN)]) == []
