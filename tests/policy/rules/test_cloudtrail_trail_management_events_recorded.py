import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_management_events_recorded import check as rule

FIX = "use AuditTrail or set include_management_events=True with read_write_type=All (164.312(b))"


def adv(category, read_only=None):
    fields = [{"field": "eventCategory", "equals": [category]}]
    if read_only is not None:
        fields.append({"field": "readOnly", "equals": [read_only]})
    return {"name": category, "fieldSelectors": fields}


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({}, [], id="pass-default-selectors"),
        pytest.param(
            {"eventSelectors": [{"readWriteType": "All", "includeManagementEvents": True}]}, [], id="pass-all"
        ),
        pytest.param(
            {"eventSelectors": {"readWriteType": "All", "includeManagementEvents": True}},
            [],
            id="pass-object",
        ),
        pytest.param(
            {
                "eventSelectors": [
                    {"readWriteType": "ReadOnly", "includeManagementEvents": True},
                    {"readWriteType": "WriteOnly", "includeManagementEvents": True},
                ]
            },
            [],
            id="pass-split-read-write",
        ),
        pytest.param({"advancedEventSelectors": [adv("Management")]}, [], id="pass-advanced"),
        pytest.param({"eventSelectors": UNKNOWN}, [], id="pass-unknown"),
        pytest.param(
            {"eventSelectors": [{"readWriteType": "WriteOnly", "includeManagementEvents": True}]},
            [f"the event selectors record only WriteOnly management events; {FIX}"],
            id="fail-write-only",
        ),
        pytest.param(
            {"eventSelectors": [{"readWriteType": "All", "includeManagementEvents": False}]},
            [f"the event selectors record no management events; {FIX}"],
            id="fail-excluded",
        ),
        pytest.param(
            {"advancedEventSelectors": [adv("Management", "true")]},
            [f"the event selectors record only ReadOnly management events; {FIX}"],
            id="fail-advanced-read-only",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
