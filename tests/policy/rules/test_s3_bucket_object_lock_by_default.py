import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.s3.s3_bucket_object_lock_by_default import check as rule
from tests.policy.rules.builders import res, urn

AUDIT = {"pms-role": "audit-logs"}


def bucket(locked, tags=AUDIT):
    return res(t.S3_BUCKET, "audit", bucket="pms-audit", objectLockEnabled=locked, tags=tags)


def lock(mode):
    return res(t.S3_OBJECT_LOCK, "audit-lock", bucket="pms-audit",
               rule={"defaultRetention": {"mode": mode, "days": 2190}})


NOT_LOCKED = ("bucket pms-audit has objectLockEnabled false, so its records can be deleted or overwritten; create "
              "it with object_lock_enabled=True (164.312(c)(1))")
GOVERNANCE = ("bucket pms-audit default retention mode is GOVERNANCE; declare a BucketObjectLockConfiguration with "
              "default retention mode COMPLIANCE (164.316(b)(2)(i))")


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([bucket(True), lock("COMPLIANCE")], {}, [], id="pass-compliance"),
        pytest.param([bucket(False, {"pms-role": "access-logs"})], {}, [], id="pass-out-of-scope"),
        pytest.param([bucket(True), lock("GOVERNANCE")], {"mode": ""}, [], id="pass-any-mode"),
        pytest.param([bucket(True), lock(UNKNOWN)], {}, [], id="pass-unknown-mode"),
        pytest.param([bucket(False)], {}, [(NOT_LOCKED, urn(t.S3_BUCKET, "audit"))], id="fail-not-locked"),
        pytest.param([bucket(True), lock("GOVERNANCE")], {}, [(GOVERNANCE, urn(t.S3_BUCKET, "audit"))],
                     id="fail-governance"),
        pytest.param([bucket(False, {"team": "a"})], {"tagKey": ""}, [(NOT_LOCKED, urn(t.S3_BUCKET, "audit"))],
                     id="fail-unscoped-every-bucket"),
    ],
)
def test_check(resources, config, expected):
    assert [(v.message, v.urn) for v in rule.run_stack(resources, config)] == expected
