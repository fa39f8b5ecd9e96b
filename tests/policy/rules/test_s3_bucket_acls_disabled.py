import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_acls_disabled import check as rule
from tests.policy.rules.builders import res, urn

BUCKET = res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4")


def controls(ownership):
    return res(
        t.S3_OWNERSHIP_CONTROLS, "audit-owner", bucket="audit-1a2b3c4", rule={"objectOwnership": ownership}
    )


def message(found):
    return Violation(
        f"bucket audit-1a2b3c4 objectOwnership is {found}; declare BucketOwnershipControls with "
        "object_ownership='BucketOwnerEnforced' (164.312(a)(1))",
        urn(t.S3_BUCKET, "audit"),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([BUCKET, controls("BucketOwnerEnforced")], [], id="pass-enforced"),
        pytest.param([BUCKET, controls("ObjectWriter")], [message("ObjectWriter")], id="fail-object-writer"),
        pytest.param([BUCKET], [message("unset")], id="fail-missing"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
