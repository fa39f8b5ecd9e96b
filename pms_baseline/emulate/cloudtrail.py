"""CloudTrail: trails, logging started and event selectors (basic or advanced) applied as declared."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t

# An advanced field selector's operators: the provider's property names -> the API's.
FIELD_OPERATORS = {
    "equals": "Equals",
    "startsWiths": "StartsWith",
    "endsWiths": "EndsWith",
    "notEquals": "NotEquals",
    "notStartsWiths": "NotStartsWith",
    "notEndsWiths": "NotEndsWith",
}


@handles(t.CLOUDTRAIL)
def _trail(c: Context, r: Resource, p: dict[str, Any]):
    ct = c.client("cloudtrail")
    name = p.get("name") or r.name
    got = ct.create_trail(
        **kw(
            Name=name,
            S3BucketName=p["s3BucketName"],
            S3KeyPrefix=p.get("s3KeyPrefix"),
            IsMultiRegionTrail=p.get("isMultiRegionTrail"),
            EnableLogFileValidation=p.get("enableLogFileValidation"),
            IncludeGlobalServiceEvents=p.get("includeGlobalServiceEvents"),
            KmsKeyId=p.get("kmsKeyId"),
            CloudWatchLogsLogGroupArn=p.get("cloudWatchLogsGroupArn"),
            CloudWatchLogsRoleArn=p.get("cloudWatchLogsRoleArn"),
            IsOrganizationTrail=p.get("isOrganizationTrail"),
            TagsList=tag_list(p) or None,
        )
    )
    if p.get("enableLogging", True):
        ct.start_logging(Name=name)
    selectors = p.get("eventSelectors") or []
    advanced = p.get("advancedEventSelectors") or []
    if advanced and not selectors:
        # https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
        ct.put_event_selectors(
            TrailName=name,
            AdvancedEventSelectors=[
                {
                    **kw(Name=s.get("name")),
                    "FieldSelectors": [
                        {"Field": f["field"], **{FIELD_OPERATORS[k]: list(v) for k, v in f.items()
                                                if k in FIELD_OPERATORS and isinstance(v, list) and v}}
                        for f in s.get("fieldSelectors") or []
                    ],
                }
                for s in advanced
            ],
        )
    if selectors:
        ct.put_event_selectors(
            TrailName=name,
            EventSelectors=[
                {
                    **kw(
                        ReadWriteType=s.get("readWriteType"),
                        IncludeManagementEvents=s.get("includeManagementEvents"),
                    ),
                    "DataResources": [
                        {"Type": d["type"], "Values": list(d["values"])} for d in s.get("dataResources") or []
                    ],
                }
                for s in selectors
            ],
        )
    return got["TrailARN"], {"arn": got["TrailARN"], "homeRegion": c.region}
