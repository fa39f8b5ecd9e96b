import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.elb.elb_access_log_bucket_accepts_delivery import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import policy

ALB = res(
    t.LOAD_BALANCER,
    "alb",
    name="alb",
    arn=f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/alb/1",
    accessLogs={"enabled": True, "bucket": "alb-logs", "prefix": "alb"},
)
BUCKET = res(t.S3_BUCKET, "alb-logs", bucket="alb-logs")


def sse(algorithm):
    return res(
        t.S3_SSE,
        "alb-logs-sse",
        bucket="alb-logs",
        rules=[{"applyServerSideEncryptionByDefault": {"sseAlgorithm": algorithm}}],
    )


def bucket_policy(principal):
    return res(
        t.S3_POLICY,
        "alb-logs-policy",
        bucket="alb-logs",
        policy=policy(
            {
                "Effect": "Allow",
                "Principal": principal,
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::alb-logs/alb/AWSLogs/{ACCOUNT}/*",
            }
        ),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [ALB, BUCKET, sse("AES256"), bucket_policy({"AWS": "arn:aws:iam::127311923021:root"})],
            [],
            id="pass-elb-account",
        ),
        pytest.param(
            [ALB, BUCKET, bucket_policy({"Service": "logdelivery.elasticloadbalancing.amazonaws.com"})],
            [],
            id="pass-log-delivery-service",
        ),
        pytest.param(
            [ALB, BUCKET, sse("aws:kms"), bucket_policy({"AWS": "arn:aws:iam::127311923021:root"})],
            [
                Violation(
                    (
                        "load balancer alb logs to bucket alb-logs, which encrypts with aws:kms; "
                        "Elastic Load Balancing supports only SSE-S3 for access logs, so no log is "
                        "delivered; set the bucket's default encryption to AES256"
                    ),
                    urn("aws:s3/bucket:Bucket", "alb-logs"),
                ),
            ],
            id="fail-sse-kms",
        ),
        pytest.param(
            [ALB, BUCKET, bucket_policy({"AWS": "arn:aws:iam::797873946194:root"})],
            [
                Violation(
                    (
                        "load balancer alb logs to bucket alb-logs, whose policy does not let "
                        "arn:aws:iam::127311923021:root or "
                        "logdelivery.elasticloadbalancing.amazonaws.com s3:PutObject on "
                        "alb/AWSLogs/210987654321/*, so Elastic Load Balancing refuses the "
                        "access-log setting; allow it in the bucket policy"
                    ),
                    urn("aws:s3/bucket:Bucket", "alb-logs"),
                ),
            ],
            id="fail-other-region-account",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
