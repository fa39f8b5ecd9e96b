"""IAM roles cannot be assumed by anyone: their trust policies name no wildcard principal."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.iam import allow_statements
from pms_baseline_pack.rules.props import as_list, policy_document, shown


def _wildcard(principal) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return any("*" in as_list(v) for v in principal.values())
    return False


@resource_rule(
    id="iam-role-trust-no-wildcard-principal",
    title="IAM role trust policies name no wildcard principal",
    severity="critical",
    citations=("164.308(a)(4)(ii)(B)", "164.312(a)(1)"),
    resource_types=(t.IAM_ROLE,),
    remediation="Name the accounts, roles or services that may assume the role in assume_role_policy.",
    checkov_ids=("CKV_AWS_60",),
)
def check(props, config):
    """No Allow statement of assumeRolePolicy has Principal "*" (or {"AWS": "*"})."""
    found = []
    for label, stmt in allow_statements(policy_document(props.get("assumeRolePolicy")) or {}):
        principal = stmt.get("Principal")
        if _wildcard(principal):
            found.append(
                f"assumeRolePolicy statement {label} lets Principal {shown(principal)} assume the role; name "
                "the accounts, roles or services that may assume it (164.308(a)(4)(ii)(B))"
            )
    return found
