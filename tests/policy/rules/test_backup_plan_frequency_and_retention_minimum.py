import pytest

from pms_baseline_pack.rules.backup.backup_plan_frequency_and_retention_minimum import check as rule
from pms_baseline_pack.rules.backup.backup_plan_frequency_and_retention_minimum import interval_hours

DAILY = {
    "ruleName": "daily",
    "schedule": "cron(0 5 ? * * *)",
    "lifecycle": {"deleteAfter": 35},
    "copyActions": [
        {
            "destinationVaultArn": "arn:aws:backup:us-west-2:1:backup-vault:copy",
            "lifecycle": {"deleteAfter": 35},
        }
    ],
}
MONTHLY = {"ruleName": "monthly", "schedule": "cron(0 5 1 * ? *)", "lifecycle": {"deleteAfter": 2190}}


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"rules": [DAILY, MONTHLY]}, [], id="pass-daily-and-monthly"),
        pytest.param({"rules": [{"ruleName": "default"}]}, [], id="pass-default-schedule-keep-forever"),
        pytest.param({"rules": [{**DAILY, "schedule": "rate(12 hours)"}]}, [], id="pass-rate"),
        pytest.param(
            {"rules": [MONTHLY]},
            [
                "schedule is cron(0 5 1 * ? *), none running at least every 24 hours; add a daily rule "
                "such as cron(0 5 ? * * *) (164.308(a)(7)(ii)(A))"
            ],
            id="fail-monthly-only",
        ),
        pytest.param(
            {"rules": [{**DAILY, "lifecycle": {"deleteAfter": 3}}]},
            [
                "rule daily lifecycle deleteAfter is 3, below the minimum of 7 days; set delete_after=7 or "
                "more (164.308(a)(7)(ii)(A))"
            ],
            id="fail-short-retention",
        ),
        pytest.param(
            {"rules": [{**DAILY, "copyActions": [{"lifecycle": [{"deleteAfter": 1.0}]}]}]},
            [
                "rule daily copy lifecycle deleteAfter is 1, below the minimum of 7 days; set "
                "delete_after=7 or more (164.308(a)(7)(ii)(A))"
            ],
            id="fail-short-copy-retention-list-block",
        ),
        pytest.param(
            {"rules": []},
            ["rules is unset; add a rule that runs at least every 24 hours (164.308(a)(7)(ii)(A))"],
            id="fail-no-rules",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_retention_and_frequency_are_tunable():
    assert rule.run_resource({"rules": [DAILY]}, {"minimumRetentionDays": 90}) == [
        "rule daily lifecycle deleteAfter is 35, below the minimum of 90 days; set delete_after=90 or more "
        "(164.308(a)(7)(ii)(A))",
        "rule daily copy lifecycle deleteAfter is 35, below the minimum of 90 days; set delete_after=90 or "
        "more (164.308(a)(7)(ii)(A))",
    ]
    assert (
        rule.run_resource(
            {"rules": [{**DAILY, "schedule": "cron(0 */12 * * ? *)"}]}, {"maximumIntervalHours": 12}
        )
        == []
    )
    assert rule.run_resource({"rules": [DAILY]}, {"maximumIntervalHours": 12}) == [
        "schedule is cron(0 5 ? * * *), none running at least every 12 hours; add a daily rule such as "
        "cron(0 5 ? * * *) (164.308(a)(7)(ii)(A))"
    ]


@pytest.mark.parametrize(
    ("expression", "hours"),
    [
        ("cron(0 5 ? * * *)", 24),
        ("cron(0 */6 * * ? *)", 6),
        ("cron(0 * * * ? *)", 1),
        ("cron(0 5 ? * MON *)", 168),
        ("cron(0 5 1 * ? *)", 744),
        ("rate(1 day)", 24),
        ("rate(30 minutes)", 0.5),
        ("every day", None),
    ],
)
def test_interval_hours(expression, hours):
    assert interval_hours(expression) == hours
