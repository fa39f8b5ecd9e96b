import pytest

from pms_baseline_pack.rules.logs.logs_log_group_retention_minimum import check as rule


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"retentionInDays": 400, "tags": {"environment": "prod"}}, [], id="pass-prod-400"),
        pytest.param({"retentionInDays": 365.0}, [], id="pass-365-as-float"),
        pytest.param({"retentionInDays": 0}, [], id="pass-never-expire"),
        pytest.param({}, [], id="pass-unset-never-expire"),
        pytest.param({"retentionInDays": 30, "tags": {"environment": "test"}}, [], id="pass-test-floor"),
        pytest.param({"retentionInDays": 90, "tagsAll": {"environment": "staging"}}, [], id="pass-staging"),
        pytest.param(
            {"retentionInDays": 90, "tags": {"environment": "prod"}},
            ["retentionInDays is 90, below the floor of 365; set retention_in_days=365 or more (164.312(b))"],
            id="fail-prod-90",
        ),
        pytest.param(
            {"retentionInDays": 30},
            ["retentionInDays is 30, below the floor of 365; set retention_in_days=365 or more (164.312(b))"],
            id="fail-untagged-gets-prod-floor",
        ),
        pytest.param(
            {"retentionInDays": 14, "tags": {"environment": "test"}},
            [
                "retentionInDays is 14, below the test floor of 30; set retention_in_days=30 or more "
                "(164.312(b))"
            ],
            id="fail-test-14",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_floors_are_tunable():
    assert rule.run_resource({"retentionInDays": 180}, {"minimumDays": 180}) == []
    staging = {"retentionInDays": 60, "tags": {"environment": "staging"}}
    assert rule.run_resource(staging, {"nonProductionMinimumDays": 90}) == [
        "retentionInDays is 60, below the staging floor of 90; set retention_in_days=90 or more (164.312(b))"
    ]
    assert rule.run_resource(staging, {"nonProductionEnvironments": ["test"]}) == [
        "retentionInDays is 60, below the floor of 365; set retention_in_days=365 or more (164.312(b))"
    ]
