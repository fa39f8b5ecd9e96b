import pytest

from pms_baseline_pack.rules.rds.rds_instance_logs_exported import check as rule


def message(have, missing, want):
    return (
        f"enabledCloudwatchLogsExports is {have}, missing {missing}; use PhiDatabase or export {want} to "
        "CloudWatch Logs (164.312(b))"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(
            {"engine": "postgres", "enabledCloudwatchLogsExports": ["postgresql", "upgrade"]},
            [],
            id="pass-postgres",
        ),
        pytest.param(
            {"engine": "mysql", "enabledCloudwatchLogsExports": ["audit", "error", "general", "slowquery"]},
            [],
            id="pass-mysql",
        ),
        pytest.param(
            {"engine": "postgres", "enabledCloudwatchLogsExports": ["postgresql"]},
            [message('["postgresql"]', "upgrade", "postgresql, upgrade")],
            id="fail-missing-upgrade",
        ),
        pytest.param(
            {"engine": "postgres"},
            [message("unset", "postgresql, upgrade", "postgresql, upgrade")],
            id="fail-unset",
        ),
        pytest.param(
            {"engine": "custom-engine", "enabledCloudwatchLogsExports": []},
            [message("unset", "every type", "the engine's log types")],
            id="fail-unknown-engine-none",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_postgres_exports_are_tunable():
    props = {"engine": "postgres", "enabledCloudwatchLogsExports": ["postgresql"]}
    assert rule.run_resource(props, {"postgresExports": ["postgresql"]}) == []
