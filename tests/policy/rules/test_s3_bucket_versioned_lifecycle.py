import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_versioned_lifecycle import check as rule
from tests.policy.rules.builders import res, urn

BUCKET = res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4")
VERSIONED = res(t.S3_VERSIONING, "audit-versioning", bucket="audit-1a2b3c4",
                versioningConfiguration={"status": "Enabled"})


def lifecycle(status, token=t.S3_LIFECYCLE):
    return res(token, "audit-lifecycle", bucket="audit-1a2b3c4", rules=[
        {"id": "archive", "status": status, "filter": {},
         "noncurrentVersionTransitions": [{"noncurrentDays": 90, "storageClass": "GLACIER"}]}])


MISSING = Violation(
    "versioned bucket audit-1a2b3c4 has no enabled lifecycle rule, so every superseded version is kept at full "
    "price with no retention decision; declare a BucketLifecycleConfiguration that archives or expires "
    "noncurrent versions (164.316(b)(2)(i))",
    urn(t.S3_BUCKET, "audit"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([BUCKET, VERSIONED, lifecycle("Enabled")], [], id="pass-lifecycle"),
        pytest.param([BUCKET, VERSIONED, lifecycle("Enabled", t.S3_LIFECYCLE_V2)], [], id="pass-v2-token"),
        pytest.param([res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4", versioning={"enabled": True},
                          lifecycleRules=[{"enabled": True, "noncurrentVersionExpiration": {"days": 30}}])],
                     [], id="pass-inline"),
        pytest.param([BUCKET], [], id="pass-unversioned-is-another-rules-business"),
        pytest.param([BUCKET, VERSIONED], [MISSING], id="fail-missing"),
        pytest.param([BUCKET, VERSIONED, lifecycle("Disabled")], [MISSING], id="fail-disabled"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
