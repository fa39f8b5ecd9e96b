"""Live floors follow the stack's environment: the one --state binds, or --environment; prod's equal the floors the
stack settings hold before deploy (infra/config.py), and a run may be stricter than its state, never looser."""

import copy

import pytest

from pms_baseline.errors import InputError
from pms_baseline.live.floors import raised, run_environment, state_environment
from pms_baseline.state import parse_document
from pms_baseline_infra.config import FLOORS
from tests.live.conftest import R

pytestmark = pytest.mark.moto

DB = "pms-prod-db"


def _short_backups(account, days=10):
    account.client("rds").modify_db_instance(DBInstanceIdentifier=DB, BackupRetentionPeriod=days,
                                             ApplyImmediately=True)


def _backup_findings(result):
    return [f.message for f in result.findings if f.rule == "rds-instance-backup-retention-minimum"]


def _retention_message(days, minimum):
    return (
        R + f"database {DB}: backupRetentionPeriod is {days}, below the minimum of {minimum} days; use PhiDatabase "
        f"or set backup_retention_period={minimum} or more (164.308(a)(7)(ii)(A))"
    )


def test_prod_state_holds_the_database_to_prods_35_days(account):
    _short_backups(account)
    result = account.verify(state=True)
    assert result.environment == "prod"
    assert _backup_findings(result) == [_retention_message(10, FLOORS["backupRetentionDays"]["prod"])]
    assert result.report().target["environment"] == "prod"


def test_staging_floor_passes_what_prod_refuses(account):
    _short_backups(account)
    assert _backup_findings(account.verify(state=False, environment="staging")) == []
    assert _backup_findings(account.verify(state=False, environment="prod")) == [_retention_message(10, 35)]


def test_without_state_or_environment_the_packs_defaults_apply(account):
    _short_backups(account, days=5)
    result = account.verify(state=False)
    assert result.environment is None
    assert _backup_findings(result) == [_retention_message(5, 7)]


def test_environment_may_not_loosen_the_states(account):
    with pytest.raises(InputError) as err:
        account.verify(state=True, environment="staging")
    assert str(err.value) == (
        "verify: --environment staging is looser than the state's environment prod; the floors follow the stack, "
        "so use prod"
    )
    with pytest.raises(InputError, match="--environment 'qa' is not one of prod, staging, test"):
        account.verify(state=False, environment="qa")


def test_the_state_binds_by_stack_name_and_by_tags(baseline_document):
    state = parse_document(copy.deepcopy(baseline_document))
    assert state_environment(state) == "prod"
    untagged = copy.deepcopy(baseline_document)
    for r in untagged["deployment"]["resources"]:
        for part in ("inputs", "outputs"):
            (r.get(part) or {}).pop("tags", None)
    assert state_environment(parse_document(untagged)) == "prod"  # by its name: the stack is prod
    assert run_environment("prod", state) == "prod"


def test_floors_raise_and_never_lower():
    defaults = {"minimumDays": 7}
    assert raised("prod", "rds-instance-backup-retention-minimum", defaults) == {"minimumDays": 35}
    assert raised("staging", "rds-instance-backup-retention-minimum", defaults) == {"minimumDays": 7}
    assert raised("prod", "rds-instance-backup-retention-minimum", {"minimumDays": 40}) == {"minimumDays": 40}
    assert raised("prod", "backup-vault-lock-enabled", {"minimumRetentionDays": 7})["minimumRetentionDays"] == 35
    logs = {"minimumDays": 365, "nonProductionMinimumDays": 30}
    assert raised("staging", "logs-log-group-retention-minimum", logs) == {"minimumDays": 365,
                                                                          "nonProductionMinimumDays": 90}
    assert raised(None, "rds-instance-backup-retention-minimum", defaults) == defaults


def test_a_bad_environment_is_one_line_and_exit_2(capsys):
    from pms_baseline.cli import main

    assert main(["verify", "--environment", "qa", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"]) == 2
    assert capsys.readouterr().err == (
        "pms-baseline: error: verify: --environment 'qa' is not one of prod, staging, test\n")
