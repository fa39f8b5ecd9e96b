import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.config.config_delivery_bucket_object_lock_disabled import check as rule
from tests.policy.rules.builders import res, urn

CHANNEL = res(t.CONFIG_DELIVERY_CHANNEL, "delivery", name="delivery", s3BucketName="config-logs")


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [CHANNEL, res(t.S3_BUCKET, "config-bucket", bucket="config-logs", objectLockEnabled=False)],
            [],
            id="pass-no-lock",
        ),
        pytest.param(
            [
                res(t.CONFIG_DELIVERY_CHANNEL, "delivery", s3BucketName=UNKNOWN),
                res(t.S3_BUCKET, "config-bucket", bucket="config-logs", objectLockEnabled=True),
            ],
            [],
            id="pass-unknown-bucket",
        ),
        pytest.param(
            [CHANNEL, res(t.S3_BUCKET, "config-bucket", bucket="config-logs", objectLockEnabled=True)],
            [
                Violation(
                    (
                        "delivery channel delivery delivers to bucket config-logs, which has S3 "
                        "Object Lock enabled, and AWS Config does not support delivering to an "
                        "Object-Locked bucket; give the delivery channel a bucket of its own "
                        "without Object Lock"
                    ),
                    urn("aws:cfg/deliveryChannel:DeliveryChannel", "delivery"),
                ),
            ],
            id="fail-object-lock",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
