"""RDS instances export their engine logs to CloudWatch Logs."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import shown

# The log types AWS Config's rds-logging-enabled expects per engine family.
_DEFAULT_EXPORTS = {
    "postgres": ["postgresql", "upgrade"],
    "mysql": ["audit", "error", "general", "slowquery"],
    "mariadb": ["audit", "error", "general", "slowquery"],
    "oracle": ["alert", "audit", "listener", "trace"],
    "sqlserver": ["agent", "error"],
}


def _family(engine: str) -> str:
    for family in _DEFAULT_EXPORTS:
        if engine.startswith(family):
            return family
    return ""


@resource_rule(
    id="rds-instance-logs-exported",
    title="RDS instances export their engine logs to CloudWatch Logs",
    severity="high",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set enabled_cloudwatch_logs_exports to the engine's log "
    "types (PostgreSQL: postgresql and upgrade).",
    aws_config_rules=("rds-logging-enabled",),
    checkov_ids=("CKV_AWS_129",),
    config={
        "postgresExports": ConfigParam(
            "array",
            _DEFAULT_EXPORTS["postgres"],
            "Log types a PostgreSQL instance must export (more may be required, none dropped).",
            items="string",
            keep_defaults=True,
        )
    },
)
def check(props, config):
    """enabledCloudwatchLogsExports includes every log type of the engine (any one for an unknown engine)."""
    exports = props.get("enabledCloudwatchLogsExports")
    if is_opaque(exports):
        return []
    have = {e for e in exports if isinstance(e, str)} if isinstance(exports, list) else set()
    engine = props.get("engine") if isinstance(props.get("engine"), str) else ""
    family = _family(engine)
    needed = list(config["postgresExports"]) if family == "postgres" else _DEFAULT_EXPORTS.get(family, [])
    missing = [name for name in needed if name not in have]
    if missing or not have:
        want = ", ".join(needed) if needed else "the engine's log types"
        return [
            f"enabledCloudwatchLogsExports is {shown(sorted(have))}, missing "
            f"{', '.join(missing) or 'every type'}; use PhiDatabase or export {want} to CloudWatch Logs "
            "(164.312(b))"
        ]
    return []
