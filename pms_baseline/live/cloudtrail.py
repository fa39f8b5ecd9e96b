"""CloudTrail: a logging multi-region trail exists; every trail validates, encrypts and feeds CloudWatch; the
trail's bucket has Object Lock in COMPLIANCE mode with the retention floor."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import UNKNOWN

ACCOUNT_TYPE = "aws:account"
# An advanced field selector's operators: the API's names -> the provider's property names.
OPERATORS = {
    "Equals": "equals",
    "StartsWith": "startsWiths",
    "EndsWith": "endsWiths",
    "NotEquals": "notEquals",
    "NotStartsWith": "notStartsWiths",
    "NotEndsWith": "notEndsWiths",
}


@collector("cloudtrail")
def collect(live, inv: Inventory) -> None:
    ct = live.client("cloudtrail", inv.region)
    listed = inv.read(lambda: list(live.pages(ct, "list_trails", "Trails")))
    if not readable(listed):
        inv.complete = False
        return
    # A multi-region trail is listed in every region; it is described once, in its home region.
    home = [x["TrailARN"] for x in listed if x.get("HomeRegion", inv.region) == inv.region]
    trails = []
    if home:
        described = inv.read(
            lambda: live.call(ct, "describe_trails", trailNameList=home, includeShadowTrails=False)[
                "trailList"
            ]
        )
        inv.complete = readable(described)
        for trail in described if readable(described) else []:
            status = inv.read(lambda tr=trail: live.call(ct, "get_trail_status", Name=tr["TrailARN"]))
            # https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html: a trail has
            # EventSelectors or AdvancedEventSelectors, never both.
            selectors = inv.read(lambda tr=trail: live.call(ct, "get_event_selectors", TrailName=tr["TrailARN"]))
            trails.append({**trail, "Status": status, "Selectors": selectors})
    inv.items["trails"] = trails


def trail_props(trail: dict) -> dict:
    """A trail description in the engine's property names, as the pre-deploy rules read them."""
    status = trail["Status"]
    return {
        "enableLogging": status.get("IsLogging") if readable(status) else None,
        "enableLogFileValidation": trail.get("LogFileValidationEnabled"),
        "kmsKeyId": trail.get("KmsKeyId"),
        "isMultiRegionTrail": trail.get("IsMultiRegionTrail"),
        "cloudWatchLogsGroupArn": trail.get("CloudWatchLogsLogGroupArn"),
        "cloudWatchLogsRoleArn": trail.get("CloudWatchLogsRoleArn"),
        "s3BucketName": trail.get("S3BucketName"),
        "includeGlobalServiceEvents": trail.get("IncludeGlobalServiceEvents"),
        **selector_props(trail.get("Selectors")),
    }


def selector_props(answer) -> dict:
    """GetEventSelectors' answer in the engine's property names; unknown (opaque) when it could not be read."""
    if not readable(answer) or answer is None:
        return {"eventSelectors": UNKNOWN, "advancedEventSelectors": UNKNOWN}
    basic = [
        {
            "readWriteType": s.get("ReadWriteType"),
            "includeManagementEvents": s.get("IncludeManagementEvents"),
            "dataResources": [{"type": d.get("Type"), "values": list(d.get("Values") or [])}
                              for d in s.get("DataResources") or []],
        }
        for s in answer.get("EventSelectors") or []
    ]
    advanced = [
        {
            "name": s.get("Name"),
            "fieldSelectors": [
                {"field": f.get("Field"), **{OPERATORS[k]: list(v) for k, v in f.items() if k in OPERATORS}}
                for f in s.get("FieldSelectors") or []
            ],
        }
        for s in answer.get("AdvancedEventSelectors") or []
    ]
    return {"eventSelectors": basic, "advancedEventSelectors": advanced}



def _trails(acct: Account):
    for inv in acct.each("cloudtrail"):
        for trail in inv.items.get("trails", []):
            yield inv, trail


def _trail_check(rule_id: str, only_logging_status: bool = False):
    def run(acct: Account):
        for inv, trail in _trails(acct):
            if only_logging_status and not readable(trail["Status"]):
                continue
            props = trail_props(trail)
            for msg in judge(rule_id, props, acct.live.rule_config(rule_id)):
                yield acct.live.finding(
                    rule_id,
                    t.CLOUDTRAIL,
                    trail["Name"],
                    trail["TrailARN"],
                    f"trail {trail['Name']}: {msg}",
                    inv.region,
                )

    run.__name__ = rule_id.replace("-", "_")
    return check(rule_id, "cloudtrail")(run)


_trail_check("cloudtrail-trail-logging-enabled", only_logging_status=True)
_trail_check("cloudtrail-trail-log-file-validation-enabled")
_trail_check("cloudtrail-trail-kms-encrypted")
_trail_check("cloudtrail-trail-cloudwatch-logs-delivered")
_trail_check("cloudtrail-trail-s3-data-events-recorded")
_trail_check("cloudtrail-trail-management-events-recorded")
_trail_check("cloudtrail-trail-global-service-events-included")


@check("cloudtrail-multi-region-trail-present", "cloudtrail")
def multi_region_trail(acct: Account):
    invs = list(acct.each("cloudtrail"))
    if not invs or not all(inv.complete for inv in invs):
        return
    trails = [(inv, tr) for inv, tr in _trails(acct)]
    if any(
        tr.get("IsMultiRegionTrail") and readable(tr["Status"]) and tr["Status"].get("IsLogging")
        for _, tr in trails
    ):
        return
    if not trails:
        yield acct.live.finding(
            "cloudtrail-multi-region-trail-present",
            ACCOUNT_TYPE,
            "cloudtrail",
            acct.live.account_id,
            "no CloudTrail trail exists, so no API activity is recorded; deploy AuditTrail (164.312(b))",
        )
    for inv, tr in trails:
        if not tr.get("IsMultiRegionTrail"):
            yield acct.live.finding(
                "cloudtrail-multi-region-trail-present",
                t.CLOUDTRAIL,
                tr["Name"],
                tr["TrailARN"],
                f"trail {tr['Name']}: IsMultiRegionTrail is false and no logging trail covers every region; "
                "set is_multi_region_trail=True (164.312(b))",
                inv.region,
            )


def _audit_buckets(acct: Account):
    """The buckets trails deliver to, with their S3 descriptions (when S3 was readable)."""
    buckets = {b["Name"]: b for b in acct.get("s3").items.get("buckets", [])}
    seen = set()
    for inv, tr in _trails(acct):
        name = tr.get("S3BucketName")
        if name in buckets and name not in seen:
            seen.add(name)
            yield inv, tr, buckets[name]


@check("cloudtrail-bucket-object-lock-enabled", "cloudtrail")
def audit_bucket_locked(acct: Account):
    for _inv, tr, b in _audit_buckets(acct):
        lock = b["ObjectLock"]
        if not readable(lock):
            continue
        enabled = (lock or {}).get("ObjectLockEnabled")
        mode = (((lock or {}).get("Rule") or {}).get("DefaultRetention") or {}).get("Mode")
        if enabled != "Enabled":
            msg = "Object Lock is not enabled, so trail logs can be deleted or overwritten"
        elif mode != "COMPLIANCE":
            msg = f"Object Lock default retention mode is {mode}, not COMPLIANCE, so logs can be unlocked"
        else:
            continue
        yield acct.live.finding(
            "cloudtrail-bucket-object-lock-enabled",
            t.S3_BUCKET,
            b["Name"],
            b["Name"],
            f"audit bucket {b['Name']} of trail {tr['Name']}: {msg}; use AuditTrail (164.312(c)(1))",
            b["Region"],
        )


@check("cloudtrail-bucket-object-lock-retention", "cloudtrail")
def audit_bucket_retention(acct: Account):
    config = acct.live.rule_config("cloudtrail-bucket-object-lock-retention")
    floor = int(config.get("minimumRetentionDays", 2190))
    exempt = set(config.get("exemptEnvironments", []))
    for _inv, tr, b in _audit_buckets(acct):
        lock = b["ObjectLock"]
        if not readable(lock) or not lock or lock.get("ObjectLockEnabled") != "Enabled":
            continue
        if b["Tags"].get("environment") in exempt:
            continue
        retention = (lock.get("Rule") or {}).get("DefaultRetention") or {}
        days = retention.get("Days") or 365 * (retention.get("Years") or 0)
        if days < floor:
            yield acct.live.finding(
                "cloudtrail-bucket-object-lock-retention",
                t.S3_BUCKET,
                b["Name"],
                b["Name"],
                f"audit bucket {b['Name']} of trail {tr['Name']}: default retention is {days} "
                "days, below the "
                f"six-year floor of {floor}; set it back (164.316(b)(2)(i))",
                b["Region"],
            )
