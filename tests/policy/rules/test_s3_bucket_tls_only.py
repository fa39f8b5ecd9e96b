import json

import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_tls_only import check as rule
from tests.policy.rules.builders import res, urn

BUCKET = res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4")
DENY = {
    "Sid": "DenyInsecureTransport",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::audit-1a2b3c4", "arn:aws:s3:::audit-1a2b3c4/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}
CLOUDTRAIL = {
    "Effect": "Allow",
    "Principal": {"Service": "cloudtrail.amazonaws.com"},
    "Action": "s3:PutObject",
}


def policy(*statements, as_text=True):
    doc = {"Version": "2012-10-17", "Statement": list(statements)}
    return res(
        t.S3_POLICY, "audit-policy", bucket="audit-1a2b3c4", policy=json.dumps(doc) if as_text else doc
    )


NO_DENY = Violation(
    "bucket audit-1a2b3c4 policy has no Deny of s3:* for aws:SecureTransport=false; add one (164.312(e)(1))",
    urn(t.S3_BUCKET, "audit"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([BUCKET, policy(CLOUDTRAIL, DENY)], [], id="pass-deny-insecure"),
        pytest.param([BUCKET, policy(DENY, as_text=False)], [], id="pass-policy-as-object"),
        pytest.param(
            [
                BUCKET,
                policy(
                    {**DENY, "Principal": {"AWS": "*"}, "Condition": {"Bool": {"aws:SecureTransport": False}}}
                ),
            ],
            [],
            id="pass-aws-star-boolean-false",
        ),
        pytest.param(
            [BUCKET],
            [
                Violation(
                    "bucket audit-1a2b3c4 has no bucket policy, so it accepts plain HTTP; declare a "
                    "BucketPolicy that denies s3:* when aws:SecureTransport is false (164.312(e)(1))",
                    urn(t.S3_BUCKET, "audit"),
                )
            ],
            id="fail-no-policy",
        ),
        pytest.param([BUCKET, policy(CLOUDTRAIL)], [NO_DENY], id="fail-no-deny"),
        pytest.param(
            [BUCKET, policy({**DENY, "Action": "s3:GetObject"})], [NO_DENY], id="fail-deny-one-action"
        ),
        pytest.param([BUCKET, policy({**DENY, "Effect": "Allow"})], [NO_DENY], id="fail-allow-not-deny"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
