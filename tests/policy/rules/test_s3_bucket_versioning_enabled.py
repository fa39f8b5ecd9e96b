import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_versioning_enabled import check as rule
from tests.policy.rules.builders import res, urn

BUCKET = res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4")


def versioning(status, token=t.S3_VERSIONING):
    return res(token, "audit-versioning", bucket="audit-1a2b3c4", versioningConfiguration={"status": status})


def message(found):
    return Violation(
        f"bucket audit-1a2b3c4 versioning status is {found}; declare BucketVersioning with status 'Enabled' "
        "so overwritten or deleted objects can be recovered (164.312(c)(1))",
        urn(t.S3_BUCKET, "audit"),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([BUCKET, versioning("Enabled")], [], id="pass-enabled"),
        pytest.param([BUCKET, versioning("Enabled", t.S3_VERSIONING_V2)], [], id="pass-v2-token"),
        pytest.param(
            [res(t.S3_BUCKET, "audit", bucket="audit-1a2b3c4", versioning={"enabled": True})],
            [],
            id="pass-inline",
        ),
        pytest.param([BUCKET, versioning("Suspended")], [message("Suspended")], id="fail-suspended"),
        pytest.param([BUCKET], [message("unset")], id="fail-missing"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
