"""Drift in GuardDuty: the detector disabled."""

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto


def test_guardduty_disabled(account):
    det = account.resource("pms-detector").id
    account.client("guardduty").update_detector(DetectorId=det, Enable=False)
    assert account.findings() == [
        (
            "guardduty-detector-enabled",
            R + f"detector {det}: Status is DISABLED; enable it (164.308(a)(5)(ii)(B))",
        )
    ]
