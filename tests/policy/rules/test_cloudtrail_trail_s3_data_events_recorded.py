import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.cloudtrail.cloudtrail_trail_s3_data_events_recorded import check as rule

FAIL = (
    "the event selectors record no S3 data events (AWS::S3::Object), so reads of PHI objects go unrecorded; "
    "use AuditTrail or add a data_resource of type AWS::S3::Object (164.312(b))"
)
DATA = {"type": "AWS::S3::Object", "values": ["arn:aws:s3:::pms-phi/"]}


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"eventSelectors": [{"readWriteType": "All", "dataResources": [DATA]}]}, [], id="pass-basic"
        ),
        pytest.param(
            {
                "advancedEventSelectors": [
                    {
                        "fieldSelectors": [
                            {"field": "eventCategory", "equals": ["Data"]},
                            {"field": "resources.type", "equals": ["AWS::S3::Object"]},
                        ]
                    }
                ]
            },
            [],
            id="pass-advanced",
        ),
        pytest.param({"eventSelectors": UNKNOWN}, [], id="pass-unknown"),
        pytest.param({}, [FAIL], id="fail-no-selectors"),
        pytest.param(
            {"eventSelectors": [{"dataResources": [{"type": "AWS::Lambda::Function", "values": ["arn:x"]}]}]},
            [FAIL],
            id="fail-other-data-type",
        ),
        pytest.param(
            {"eventSelectors": [{"dataResources": [{"type": "AWS::S3::Object", "values": []}]}]},
            [FAIL],
            id="fail-no-buckets",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
