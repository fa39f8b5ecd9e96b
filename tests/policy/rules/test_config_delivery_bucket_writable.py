import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.config.config_delivery_bucket_writable import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import policy

ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/config-role"
RECORDER = res(t.CONFIG_RECORDER, "recorder", name="recorder", roleArn=ROLE_ARN)
ROLE = res(t.IAM_ROLE, "config-role", name="config-role", arn=ROLE_ARN)
CHANNEL = res(t.CONFIG_DELIVERY_CHANNEL, "delivery", name="delivery", s3BucketName="config-logs", s3KeyPrefix="config")
BUCKET = res(t.S3_BUCKET, "config-bucket", bucket="config-logs")
WRITE = {
    "Effect": "Allow",
    "Action": ["s3:PutObject", "s3:GetBucketAcl", "s3:ListBucket"],
    "Resource": ["arn:aws:s3:::config-logs", "arn:aws:s3:::config-logs/*"],
}
TLS = {
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": "arn:aws:s3:::config-logs/*",
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [
                RECORDER,
                ROLE,
                CHANNEL,
                BUCKET,
                res(t.IAM_ROLE_POLICY, "config-write", role="config-role", policy=policy(WRITE)),
            ],
            [],
            id="pass-role-policy",
        ),
        pytest.param(
            [
                RECORDER,
                ROLE,
                CHANNEL,
                BUCKET,
                res(t.S3_POLICY, "config-policy", bucket="config-logs", policy=policy(TLS)),
                res(t.IAM_ROLE_POLICY, "config-write", role="config-role", policy=policy(WRITE)),
            ],
            [],
            id="pass-tls-deny-does-not-match",
        ),
        pytest.param(
            [
                RECORDER,
                ROLE,
                CHANNEL,
                BUCKET,
                res(
                    t.IAM_ROLE_POLICY_ATTACHMENT,
                    "managed",
                    role="config-role",
                    policyArn="arn:aws:iam::aws:policy/AmazonS3FullAccess",
                ),
            ],
            [],
            id="pass-aws-managed-policy-unknown",
        ),
        pytest.param(
            [RECORDER, ROLE, CHANNEL, BUCKET],
            [
                Violation(
                    (
                        "delivery channel delivery writes to bucket config-logs, but neither its "
                        "bucket policy nor the policies of role "
                        "arn:aws:iam::210987654321:role/config-role allow s3:GetBucketAcl, "
                        "s3:ListBucket, s3:PutObject, so AWS Config refuses the delivery channel "
                        "(InsufficientDeliveryPolicyException); grant them to the recorder's role "
                        "or, for the service-linked role, to config.amazonaws.com in the bucket "
                        "policy"
                    ),
                    urn("aws:cfg/deliveryChannel:DeliveryChannel", "delivery"),
                ),
            ],
            id="fail-no-write",
        ),
        pytest.param(
            [
                RECORDER,
                ROLE,
                CHANNEL,
                BUCKET,
                res(t.IAM_ROLE_POLICY, "config-write", role="config-role", policy=policy(WRITE)),
                res(
                    t.S3_POLICY,
                    "config-policy",
                    bucket="config-logs",
                    policy=policy(
                        {**TLS, "Condition": {"StringNotEquals": {"aws:PrincipalArn": "arn:aws:iam::1:role/x"}}}
                    ),
                ),
            ],
            [
                Violation(
                    (
                        "delivery channel delivery writes to bucket config-logs, but neither its "
                        "bucket policy nor the policies of role "
                        "arn:aws:iam::210987654321:role/config-role allow s3:PutObject, so AWS "
                        "Config refuses the delivery channel "
                        "(InsufficientDeliveryPolicyException); grant them to the recorder's role "
                        "or, for the service-linked role, to config.amazonaws.com in the bucket "
                        "policy"
                    ),
                    urn("aws:cfg/deliveryChannel:DeliveryChannel", "delivery"),
                ),
            ],
            id="fail-bucket-denies",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
