"""GuardDuty: an enabled detector in every verified region."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t


@collector("guardduty")
def collect(live, inv: Inventory) -> None:
    gd = live.client("guardduty", inv.region)
    ids = inv.read(lambda: list(live.pages(gd, "list_detectors", "DetectorIds")))
    if not readable(ids):
        inv.complete = False
        return
    detectors = {}
    for det in ids:
        got = inv.read(lambda d=det: live.call(gd, "get_detector", DetectorId=d))
        detectors[det] = got.get("Status") if readable(got) else got
    inv.items["detectors"] = detectors


@check("guardduty-detector-enabled", "guardduty")
def detector_enabled(acct: Account):
    for inv in acct.each("guardduty"):
        if not inv.complete:
            continue
        detectors = inv.items.get("detectors", {})
        if not detectors:
            yield acct.live.finding(
                "guardduty-detector-enabled",
                t.GUARDDUTY_DETECTOR,
                f"guardduty-{inv.region}",
                inv.region,
                "no GuardDuty detector, so nothing watches for malicious activity; deploy Monitoring or "
                "run `aws guardduty create-detector --enable` (164.308(a)(5)(ii)(B))",
                inv.region,
            )
        for det, status in sorted(detectors.items()):
            if readable(status) and status != "ENABLED":
                yield acct.live.finding(
                    "guardduty-detector-enabled",
                    t.GUARDDUTY_DETECTOR,
                    det,
                    det,
                    f"detector {det}: Status is {status}; enable it (164.308(a)(5)(ii)(B))",
                    inv.region,
                )
