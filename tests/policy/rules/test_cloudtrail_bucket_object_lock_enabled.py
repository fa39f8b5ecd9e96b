import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.cloudtrail.cloudtrail_bucket_object_lock_enabled import check as rule
from tests.policy.rules.builders import res, urn

TRAIL = res(t.CLOUDTRAIL, "pms-trail", name="pms-prod-audit", s3BucketName="pms-audit-1a2b")


def bucket(type_=t.S3_BUCKET, **props):
    return res(type_, "pms-audit", bucket="pms-audit-1a2b", **props)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([TRAIL, bucket(objectLockEnabled=True)], [], id="pass-enabled"),
        pytest.param([TRAIL, bucket(t.S3_BUCKET_V2, objectLockEnabled=True)], [], id="pass-v2-token"),
        pytest.param(
            [TRAIL, bucket(objectLockConfiguration=[{"objectLockEnabled": "Enabled"}])],
            [],
            id="pass-legacy-block",
        ),
        pytest.param(
            [res(t.CLOUDTRAIL, "pms-trail", s3BucketName=UNKNOWN), bucket()],
            [],
            id="pass-unknown-bucket-name",
        ),
        pytest.param(
            [TRAIL, bucket()],
            [
                Violation(
                    "bucket pms-audit-1a2b of trail pms-prod-audit has objectLockEnabled unset, so audit "
                    "logs can be deleted; use AuditTrail or create the bucket with "
                    "object_lock_enabled=True (164.312(c)(1))",
                    urn(t.S3_BUCKET, "pms-audit"),
                )
            ],
            id="fail-not-enabled",
        ),
        pytest.param(
            [TRAIL],
            [
                Violation(
                    "trail pms-prod-audit writes to bucket pms-audit-1a2b, which the stack does not "
                    "declare, so its Object Lock cannot be verified; use AuditTrail, which declares the "
                    "bucket (164.312(c)(1))",
                    urn(t.CLOUDTRAIL, "pms-trail"),
                )
            ],
            id="fail-bucket-outside-stack",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
