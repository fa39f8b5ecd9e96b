import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_public_access_blocked import check as rule
from tests.policy.rules.builders import res, urn

BUCKET = res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4")
ALL = {
    "blockPublicAcls": True,
    "blockPublicPolicy": True,
    "ignorePublicAcls": True,
    "restrictPublicBuckets": True,
}


def pab(**overrides):
    return res(t.S3_PUBLIC_ACCESS_BLOCK, "audit-pab", bucket="audit-1a2b3c4", **{**ALL, **overrides})


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([BUCKET, pab()], [], id="pass-all-four"),
        pytest.param([res(t.S3_BUCKET_V2, "audit", bucket="audit-1a2b3c4"), pab()], [], id="pass-v2-bucket"),
        pytest.param(
            [BUCKET],
            [
                Violation(
                    "bucket audit-1a2b3c4 has no BucketPublicAccessBlock; declare one with all four "
                    "settings True (164.312(a)(1))",
                    urn(t.S3_BUCKET, "audit"),
                )
            ],
            id="fail-missing",
        ),
        pytest.param(
            [BUCKET, pab(restrictPublicBuckets=False, blockPublicPolicy=None)],
            [
                Violation(
                    "bucket audit-1a2b3c4 public access block blockPublicPolicy is unset; set "
                    "block_public_policy=True (164.312(a)(1))",
                    urn(t.S3_PUBLIC_ACCESS_BLOCK, "audit-pab"),
                ),
                Violation(
                    "bucket audit-1a2b3c4 public access block restrictPublicBuckets is false; set "
                    "restrict_public_buckets=True (164.312(a)(1))",
                    urn(t.S3_PUBLIC_ACCESS_BLOCK, "audit-pab"),
                ),
            ],
            id="fail-flags-off",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
