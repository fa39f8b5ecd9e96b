"""Which environment's floors a verify run applies, and the pack tunables they raise.

The stack settings (``pms_baseline_infra.config.FLOORS``) hold a floor per environment, and the program declares
its resources at or above it; the pack's rules default to the lowest environment's floor, because the pack judges
any state. So that a prod account is held live to what its stack was held to before deploy, verify raises those
tunables to the floors of the account's environment: the one ``--environment`` names, or the one its ``--state``
binds (the stack name's first word, as ``infra/config.py`` binds it, or a stricter environment tag). A floor only
ever raises a tunable, never lowers it below the pack's default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pms_baseline.errors import InputError
from pms_baseline.state import StateDocument
from pms_baseline_infra.config import ENVIRONMENTS, FLOORS, named_environment

# rule id -> {pack tunable: stack setting whose floor it takes}. The daily backup rule, the vault lock's minimum and
# RDS's automated backups all keep backupRetentionDays (infra/stack.py, components/backups.py, database.py).
RAISED_BY: dict[str, dict[str, str]] = {
    "rds-instance-backup-retention-minimum": {"minimumDays": "backupRetentionDays"},
    "backup-plan-frequency-and-retention-minimum": {"minimumRetentionDays": "backupRetentionDays"},
    "backup-vault-lock-enabled": {"minimumRetentionDays": "backupRetentionDays"},
}
# Log groups: prod's floor is the rule's minimumDays; a staging or test account raises the non-production floor.
LOG_RULE = "logs-log-group-retention-minimum"


def raised(environment: str | None, rule_id: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """``defaults`` with every tunable ``environment``'s floors raise; unchanged without an environment."""
    out = dict(defaults)
    if not environment:
        return out
    params = dict(RAISED_BY.get(rule_id, {}))
    if rule_id == LOG_RULE:
        params = {"minimumDays" if environment == "prod" else "nonProductionMinimumDays": "logRetentionDays"}
    for param, setting in params.items():
        floor = FLOORS[setting][environment]
        if isinstance(out.get(param), int) and floor > out[param]:
            out[param] = floor
    return out


def state_environment(state: StateDocument) -> str | None:
    """The environment a state binds: the strictest of its stack name's (``named_environment``) and of the
    ``environment`` tags its resources carry; None when it says neither."""
    found = []
    bound = named_environment(state.stack or "")
    if bound:
        found.append(bound)
    for r in state.resources:
        tags = r.props.get("tags")
        env = tags.get("environment") if isinstance(tags, dict) else None
        if isinstance(env, str) and env in ENVIRONMENTS:
            found.append(env)
    return min(found, key=ENVIRONMENTS.index) if found else None


def run_environment(named: str | None, state: StateDocument | None) -> str | None:
    """The environment whose floors a run applies: ``--environment`` (one of ENVIRONMENTS), which may be as strict
    as the state's or stricter, never looser; else the state's; else None (the pack's defaults)."""
    from_state = state_environment(state) if state is not None else None
    if named is None:
        return from_state
    if named not in ENVIRONMENTS:
        raise InputError(f"verify: --environment {named!r} is not one of {', '.join(ENVIRONMENTS)}")
    if from_state and ENVIRONMENTS.index(named) > ENVIRONMENTS.index(from_state):
        raise InputError(
            f"verify: --environment {named} is looser than the state's environment {from_state}; the floors follow "
            f"the stack, so use {' or '.join(ENVIRONMENTS[: ENVIRONMENTS.index(from_state) + 1])}"
        )
    return named
