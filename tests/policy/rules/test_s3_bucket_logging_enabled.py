import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.s3.s3_bucket_logging_enabled import check as rule
from tests.policy.rules.builders import res, urn

BUCKET = res(t.S3_BUCKET, "statements", bucket="statements-1a2b3c4")
ACCESS_LOGS = res(t.S3_BUCKET, "access-logs", bucket="access-logs-9f8e7d6", tags={"pms-role": "access-logs"})


def logging(target, token=t.S3_LOGGING):
    return res(token, "statements-logging", bucket="statements-1a2b3c4", targetBucket=target, targetPrefix="s/")


MISSING = Violation(
    "bucket statements-1a2b3c4 has no server access logging, so reads of its objects leave no record outside "
    "CloudTrail; declare a BucketLogging with target_bucket set to the access-log bucket (164.312(b))",
    urn(t.S3_BUCKET, "statements"),
)


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([BUCKET, logging("access-logs-9f8e7d6")], None, [], id="pass-logging"),
        pytest.param([BUCKET, logging("access-logs-9f8e7d6", t.S3_LOGGING_V2)], None, [], id="pass-v2-token"),
        pytest.param([BUCKET, logging(UNKNOWN)], None, [], id="pass-unknown-target"),
        pytest.param([res(t.S3_BUCKET, "statements", bucket="statements-1a2b3c4",
                          logging={"targetBucket": "access-logs-9f8e7d6"})], None, [], id="pass-inline"),
        pytest.param([ACCESS_LOGS], None, [], id="pass-exempt-access-log-bucket"),
        pytest.param([BUCKET], None, [MISSING], id="fail-missing"),
        pytest.param([BUCKET, logging("")], None, [MISSING], id="fail-empty-target"),
        pytest.param([BUCKET, res(t.S3_LOGGING, "other-logging", bucket="other-bucket", targetBucket="x")], None,
                     [MISSING], id="fail-logging-of-another-bucket"),
        pytest.param([ACCESS_LOGS], {"exemptRoles": []}, [Violation(
            "bucket access-logs-9f8e7d6 has no server access logging, so reads of its objects leave no record "
            "outside CloudTrail; declare a BucketLogging with target_bucket set to the access-log bucket "
            "(164.312(b))", urn(t.S3_BUCKET, "access-logs"))], id="fail-exemption-removed"),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected
