import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.cloudtrail.cloudtrail_bucket_object_lock_retention import check as rule
from tests.policy.rules.builders import res, urn

TRAIL = res(t.CLOUDTRAIL, "pms-trail", name="pms-prod-audit", s3BucketName="pms-audit-1a2b")


def bucket(env="prod"):
    return res(
        t.S3_BUCKET, "pms-audit", bucket="pms-audit-1a2b", objectLockEnabled=True, tags={"environment": env}
    )


def lock(type_=t.S3_OBJECT_LOCK, **retention):
    return res(type_, "pms-audit-lock", bucket="pms-audit-1a2b", rule={"defaultRetention": retention})


LOCK_URN = urn(t.S3_OBJECT_LOCK, "pms-audit-lock")


def short(days, floor=2190):
    return Violation(
        f"bucket pms-audit-1a2b Object Lock default retention is {days} days, below the floor of {floor}; "
        f"set default_retention days={floor} or more (164.316(b)(2)(i))",
        LOCK_URN,
    )


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([TRAIL, bucket(), lock(mode="COMPLIANCE", days=2190)], {}, [], id="pass-six-years"),
        pytest.param(
            [TRAIL, bucket(), lock(t.S3_OBJECT_LOCK_V2, mode="COMPLIANCE", years=6)],
            {},
            [],
            id="pass-years-v2",
        ),
        pytest.param(
            [
                TRAIL,
                bucket(),
                res(
                    t.S3_OBJECT_LOCK,
                    "l",
                    bucket="pms-audit-1a2b",
                    rule=[{"defaultRetention": [{"mode": "COMPLIANCE", "days": 2555}]}],
                ),
            ],
            {},
            [],
            id="pass-list-blocks",
        ),
        pytest.param([TRAIL, bucket(), lock(mode=UNKNOWN, days=UNKNOWN)], {}, [], id="pass-unknown"),
        pytest.param(
            [TRAIL, bucket("test"), lock(mode="COMPLIANCE", days=30)], {}, [], id="pass-exempt-test"
        ),
        pytest.param(
            [TRAIL, bucket(), lock(mode="GOVERNANCE", days=2190)],
            {},
            [
                Violation(
                    "bucket pms-audit-1a2b Object Lock default retention mode is GOVERNANCE, which "
                    "privileged users can bypass; set default_retention mode=COMPLIANCE (164.316(b)(2)(i))",
                    LOCK_URN,
                )
            ],
            id="fail-governance",
        ),
        pytest.param(
            [TRAIL, bucket(), lock(mode="COMPLIANCE", days=365)], {}, [short(365)], id="fail-too-short"
        ),
        pytest.param(
            [TRAIL, bucket(), lock(mode="COMPLIANCE", days=2190)],
            {"minimumRetentionDays": 2555},
            [short(2190, 2555)],
            id="fail-raised-floor",
        ),
        pytest.param(
            [TRAIL, bucket(), lock(mode="COMPLIANCE", days=30)],
            {"exemptEnvironments": []},
            [short(30)],
            id="fail-not-exempt",
        ),
        pytest.param(
            [TRAIL, bucket()],
            {},
            [
                Violation(
                    "bucket pms-audit-1a2b of trail pms-prod-audit has no Object Lock default retention; "
                    "use AuditTrail or declare a BucketObjectLockConfiguration with default_retention "
                    "mode=COMPLIANCE and days=2190 (164.316(b)(2)(i))",
                    urn(t.S3_BUCKET, "pms-audit"),
                )
            ],
            id="fail-no-lock-configuration",
        ),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected


def test_floor_cannot_be_lowered_in_schema():
    assert rule.config["minimumRetentionDays"].schema()["minimum"] == 2190
