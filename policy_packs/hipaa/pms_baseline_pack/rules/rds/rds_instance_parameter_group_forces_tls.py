"""Every RDS instance uses a parameter group, declared in the stack, that refuses unencrypted connections."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import blocks, by_identity, integer, of_type, shown

# The parameter that refuses non-TLS client connections, per engine family (Oracle uses an option group).
TLS_PARAMETERS = {
    "postgres": "rds.force_ssl",
    "sqlserver": "rds.force_ssl",
    "mysql": "require_secure_transport",
    "mariadb": "require_secure_transport",
}
_ON = ("1", "on", "true")


def _tls_parameter(engine: str) -> str:
    return next((p for family, p in TLS_PARAMETERS.items() if engine.startswith(family)), "")


@stack_rule(
    id="rds-instance-parameter-group-forces-tls",
    title="RDS instances use a parameter group that forces TLS",
    severity="high",
    citations=("164.312(e)(1)", "164.312(e)(2)(ii)"),
    resource_types=(t.RDS_INSTANCE, t.RDS_PARAMETER_GROUP),
    remediation="Use the PhiDatabase component, or give the instance a parameter group with rds.force_ssl=1 "
    "(PostgreSQL, SQL Server) or require_secure_transport=1 (MySQL, MariaDB).",
)
def check(resources, config):
    """Each instance's parameterGroupName names a parameter group of the stack that sets the TLS switch."""
    groups = by_identity(of_type(resources, t.RDS_PARAMETER_GROUP))
    found = []
    for db in of_type(resources, t.RDS_INSTANCE):
        engine = db.props.get("engine")
        parameter = _tls_parameter(engine if isinstance(engine, str) else "")
        if not parameter or db.props.get("replicateSourceDb"):
            continue
        name = db.props.get("parameterGroupName")
        if is_opaque(name):
            continue
        if not name:
            found.append(
                Violation(
                    "parameterGroupName is unset, so the instance uses the engine's default parameter "
                    f"group; give it a parameter group that sets {parameter}=1 (164.312(e)(1))",
                    db.urn,
                )
            )
            continue
        group = next(iter(groups.get(name, ())), None)
        if group is None:
            found.append(
                Violation(
                    f"parameterGroupName is {name}, a parameter group this stack does not declare, so TLS "
                    f"enforcement cannot be verified; declare the group with {parameter}=1 (164.312(e)(1))",
                    db.urn,
                )
            )
            continue
        params = {
            p.get("name"): p.get("value")
            for p in blocks(group.props.get("parameters"))
            if isinstance(p, dict)
        }
        value = params.get(parameter)
        if (
            is_opaque(value)
            or str(value if integer(value) is None else integer(value)).strip().lower() in _ON
        ):
            continue
        found.append(
            Violation(
                f"parameter group {name} sets {parameter} to {shown(value)}; set {parameter}=1 so the "
                "database refuses unencrypted connections (164.312(e)(1))",
                group.urn,
            )
        )
    return list(dict.fromkeys(found))
