"""Drift in CloudTrail: logging stopped, single region, no log file validation, and the audit bucket's Object Lock
weakened."""

import pytest

from tests.live.conftest import BUCKET, R

pytestmark = pytest.mark.moto

TRAIL = "pms-prod-audit"


def test_stopped_logging(account):
    account.client("cloudtrail").stop_logging(Name=TRAIL)
    assert account.findings() == [
        (
            "cloudtrail-trail-logging-enabled",
            R + "trail pms-prod-audit: enableLogging is false, so the trail records nothing; use "
            "AuditTrail or set "
            "enable_logging=True (164.312(b))",
        )
    ]


def test_trail_made_single_region(account):
    account.client("cloudtrail").update_trail(Name=TRAIL, IsMultiRegionTrail=False)
    assert account.findings() == [
        (
            "cloudtrail-multi-region-trail-present",
            R + "trail pms-prod-audit: IsMultiRegionTrail is false and no logging trail covers every "
            "region; set "
            "is_multi_region_trail=True (164.312(b))",
        )
    ]


def test_log_file_validation_off(account):
    account.client("cloudtrail").update_trail(Name=TRAIL, EnableLogFileValidation=False)
    assert account.findings() == [
        (
            "cloudtrail-trail-log-file-validation-enabled",
            R + "trail pms-prod-audit: enableLogFileValidation is false; use AuditTrail or set "
            "enable_log_file_validation=True so tampering with delivered log files is detectable "
            "(164.312(c)(1))",
        )
    ]


def _set_default_retention(mode, days):
    """PutObjectLockConfiguration as AWS performs it on a bucket that holds objects.

    moto gap: moto refuses the call once the bucket has objects ("Bucket needs to be empty"); AWS accepts it
    (the default applies to new objects), which is exactly the drift verify must catch. So the test sets
    what AWS would store, in moto's bucket model.
    """
    from moto.s3.models import s3_backends

    bucket = s3_backends["123456789012"]["aws"].get_bucket(BUCKET)
    bucket.default_lock_mode, bucket.default_lock_days = mode, days


def test_object_lock_retention_shortened(account):
    _set_default_retention("COMPLIANCE", 30)
    assert account.findings() == [
        (
            "cloudtrail-bucket-object-lock-retention",
            R + f"audit bucket {BUCKET} of trail pms-prod-audit: default retention is 30 days, below the "
            "six-year "
            "floor of 2190; set it back (164.316(b)(2)(i))",
        )
    ]


def test_object_lock_switched_to_governance(account):
    _set_default_retention("GOVERNANCE", 2190)
    assert account.findings() == [
        (
            "cloudtrail-bucket-object-lock-enabled",
            R + f"audit bucket {BUCKET} of trail pms-prod-audit: Object Lock default retention mode is "
            "GOVERNANCE, "
            "not COMPLIANCE, so logs can be unlocked; use AuditTrail (164.312(c)(1))",
        )
    ]


def test_trail_basic_selectors_drop_data_events(account):
    """Basic selectors (the prod stack's advanced ones: tests/live/test_parity.py). On the prod trail moto cannot
    show this: it keeps a trail's advanced selectors when basic ones are put, which AWS replaces."""
    account.client("cloudtrail").put_event_selectors(TrailName="pms-prod-audit", EventSelectors=[
        {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}])
    assert account.findings(state=True) == [
        (
            "cloudtrail-trail-s3-data-events-recorded",
            R + "trail pms-prod-audit: the event selectors record no S3 data events (AWS::S3::Object), so reads of "
            "PHI objects go unrecorded; use AuditTrail or add a data_resource of type AWS::S3::Object (164.312(b))",
        ),
        ("live-setting-drift", "pms-trail: records S3 data events is False in the account, True in the state"),
    ]
