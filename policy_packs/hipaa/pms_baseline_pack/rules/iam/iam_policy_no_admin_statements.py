"""IAM identity policies grant no full administrator access ("Action": "*" on "Resource": "*").

A managed policy used only as a permissions boundary is exempt: a boundary caps what a role may do and
usually allows "*" so that its Deny statements (no production resources, no production keys) do the work.
It is exempt only while nothing attaches it as a grant.
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.iam import POLICY_TYPES, allow_statements, identity_policies
from pms_baseline_pack.rules.props import as_list, of_type, resource_identities

ATTACHMENTS = (
    t.IAM_ROLE_POLICY_ATTACHMENT,
    t.IAM_USER_POLICY_ATTACHMENT,
    t.IAM_GROUP_POLICY_ATTACHMENT,
    t.IAM_POLICY_ATTACHMENT,
)


def _references(resources):
    """(boundaries, grants): the policy ARNs used as permissions boundaries, and those attached as grants."""
    boundaries, grants = set(), set()
    for r in of_type(resources, t.IAM_ROLE, t.IAM_USER):
        value = r.props.get("permissionsBoundary")
        if isinstance(value, str) and not is_opaque(value):
            boundaries.add(value)
        grants.update(a for a in as_list(r.props.get("managedPolicyArns")) if isinstance(a, str))
    for r in of_type(resources, *ATTACHMENTS):
        value = r.props.get("policyArn")
        if isinstance(value, str) and not is_opaque(value):
            grants.add(value)
    return boundaries, grants


@stack_rule(
    id="iam-policy-no-admin-statements",
    title="IAM policies do not allow every action on every resource",
    severity="critical",
    citations=("164.308(a)(4)(ii)(B)", "164.312(a)(1)"),
    resource_types=(*POLICY_TYPES, t.IAM_ROLE),
    remediation="Grant only the actions and resources the principal needs; use the components' scoped roles.",
    aws_config_rules=("iam-policy-no-statements-with-admin-access",),
    checkov_ids=("CKV_AWS_62",),
)
def check(resources, config):
    """No Allow statement has Action "*" with Resource "*", except in a policy used only as a boundary."""
    boundaries, grants = _references(resources)
    found = []
    for r in of_type(resources, *POLICY_TYPES, t.IAM_ROLE):
        if r.type == t.IAM_POLICY:
            ids = resource_identities(r)
            if ids & boundaries and not ids & grants:
                continue
        for where, doc in identity_policies(r.props):
            for label, stmt in allow_statements(doc):
                if "*" in as_list(stmt.get("Action")) and "*" in as_list(stmt.get("Resource")):
                    found.append(
                        Violation(
                            f'{where} statement {label} allows Action "*" on Resource "*" (full '
                            "administrator access); grant only the actions and resources the principal "
                            "needs (164.308(a)(4)(ii)(B))",
                            r.urn,
                        )
                    )
    return found
