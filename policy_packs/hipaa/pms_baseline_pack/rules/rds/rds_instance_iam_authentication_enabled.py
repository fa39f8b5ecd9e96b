"""RDS instances accept IAM database authentication, so people and services log in as themselves."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="rds-instance-iam-authentication-enabled",
    title="RDS instances have IAM database authentication enabled",
    severity="medium",
    citations=("164.312(d)", "164.312(a)(2)(i)"),
    resource_types=(t.RDS_INSTANCE,),
    remediation="Use the PhiDatabase component, or set iam_database_authentication_enabled=True.",
    checkov_ids=("CKV_AWS_161",),
)
def check(props, config):
    """iamDatabaseAuthenticationEnabled is true."""
    value = props.get("iamDatabaseAuthenticationEnabled")
    if is_opaque(value) or value is True:
        return []
    return [
        f"iamDatabaseAuthenticationEnabled is {shown(value)}; use PhiDatabase or set "
        "iam_database_authentication_enabled=True so each user authenticates with their own identity "
        "(164.312(d))"
    ]
