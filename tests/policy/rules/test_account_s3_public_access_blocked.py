import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.account.account_s3_public_access_blocked import check as rule
from tests.policy.rules.builders import res, urn

ALL = {
    "blockPublicAcls": True,
    "blockPublicPolicy": True,
    "ignorePublicAcls": True,
    "restrictPublicBuckets": True,
}


def pab(**props):
    return res(t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "pms-account-pab", **{**ALL, **props})


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([pab()], [], id="pass-all-four"),
        pytest.param([pab(blockPublicPolicy=UNKNOWN)], [], id="pass-unknown"),
        pytest.param(
            [],
            [
                Violation(
                    "the stack declares no account-level S3 public access block, so a new bucket can be "
                    "made public; use the AccountGuardrails component (164.312(a)(1))"
                )
            ],
            id="fail-missing",
        ),
        pytest.param(
            [pab(restrictPublicBuckets=False)],
            [
                Violation(
                    "account public access block restrictPublicBuckets is false; set "
                    "restrict_public_buckets=True (164.312(a)(1))",
                    urn(t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "pms-account-pab"),
                )
            ],
            id="fail-flag-off",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
