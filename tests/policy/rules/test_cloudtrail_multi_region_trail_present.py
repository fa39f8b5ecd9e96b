import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.cloudtrail.cloudtrail_multi_region_trail_present import check as rule
from tests.policy.rules.builders import res, urn

NONE = Violation(
    "the stack declares no CloudTrail trail, so API activity goes unrecorded; use the AuditTrail component, "
    "which records every region (164.312(b))"
)


def trail(logical, **props):
    return res(t.CLOUDTRAIL, logical, name=f"{logical}-audit", **props)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([trail("pms", isMultiRegionTrail=True)], [], id="pass-multi-region"),
        pytest.param(
            [trail("local", isMultiRegionTrail=False), trail("pms", isMultiRegionTrail=True)],
            [],
            id="pass-one-of-two",
        ),
        pytest.param([trail("pms", isMultiRegionTrail=UNKNOWN)], [], id="pass-unknown"),
        pytest.param([], [NONE], id="fail-no-trail"),
        pytest.param(
            [trail("pms", isMultiRegionTrail=False)],
            [
                Violation(
                    "trail pms-audit has isMultiRegionTrail false and no trail in the stack covers every "
                    "region; use AuditTrail or set is_multi_region_trail=True (164.312(b))",
                    urn(t.CLOUDTRAIL, "pms"),
                )
            ],
            id="fail-single-region",
        ),
        pytest.param(
            [trail("pms")],
            [
                Violation(
                    "trail pms-audit has isMultiRegionTrail unset and no trail in the stack covers every "
                    "region; use AuditTrail or set is_multi_region_trail=True (164.312(b))",
                    urn(t.CLOUDTRAIL, "pms"),
                )
            ],
            id="fail-unset",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
