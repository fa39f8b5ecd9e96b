"""GuardDuty: detectors and their features."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.GUARDDUTY_DETECTOR)
def _detector(c: Context, r: Resource, p: dict[str, Any]):
    det = c.client("guardduty").create_detector(Enable=bool(p.get("enable", True)))["DetectorId"]
    return det, {"arn": f"arn:aws:guardduty:{c.region}:{c.account}:detector/{det}"}


@handles(t.GUARDDUTY_DETECTOR_FEATURE)
def _detector_feature(c: Context, r: Resource, p: dict[str, Any]):
    c.client("guardduty").update_detector(
        DetectorId=p["detectorId"], Features=[{"Name": p["name"], "Status": p.get("status", "ENABLED")}]
    )
    return f"{p['detectorId']}/{p['name']}", {}
