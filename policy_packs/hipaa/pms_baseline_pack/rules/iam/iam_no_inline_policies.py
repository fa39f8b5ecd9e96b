"""IAM users, roles and groups carry no inline policies: every grant is a managed policy that can be reviewed,
versioned and reused."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import blocks, of_type

_INLINE = {t.IAM_ROLE_POLICY: "role", t.IAM_USER_POLICY: "user", t.IAM_GROUP_POLICY: "group"}
_FIX = "write it as a managed policy (aws.iam.Policy) and attach it, so it can be reviewed and versioned"


def _declared(item) -> bool:
    """An inlinePolicies entry that holds a policy (the provider reports empty placeholders for roles without)."""
    return isinstance(item, dict) and bool(item.get("policy") or item.get("name"))


@stack_rule(
    id="iam-no-inline-policies",
    title="IAM users, roles and groups have no inline policies",
    severity="medium",
    citations=("164.308(a)(4)(ii)(B)", "164.312(a)(1)"),
    resource_types=(*_INLINE, t.IAM_ROLE, t.IAM_USER),
    remediation="Write the policy as an aws.iam.Policy and attach it with a RolePolicyAttachment (the components "
    "do this through trust.managed_role_policy); remove inline_policies and RolePolicy/UserPolicy/GroupPolicy.",
    aws_config_rules=("iam-no-inline-policy-check",),
)
def check(resources, config):
    """No RolePolicy, UserPolicy or GroupPolicy exists, and no role or user declares inlinePolicies."""
    found = []
    for r in of_type(resources, *_INLINE):
        kind = _INLINE[r.type]
        owner = r.props.get(kind)
        owner = "[unknown]" if is_opaque(owner) else owner or "(unset)"
        found.append(Violation(
            f"inline policy {r.props.get('name') or r.name} is attached to {kind} {owner}; {_FIX} "
            "(164.308(a)(4)(ii)(B))", r.urn))
    for r in of_type(resources, t.IAM_ROLE, t.IAM_USER):
        inline = r.props.get("inlinePolicies")
        if is_opaque(inline):
            continue
        names = [str(item.get("name") or i) for i, item in enumerate(blocks(inline)) if _declared(item)]
        if names:
            kind = "role" if r.type == t.IAM_ROLE else "user"
            found.append(Violation(
                f"{kind} {r.props.get('name') or r.name} declares inlinePolicies {', '.join(names)}; {_FIX} "
                "(164.308(a)(4)(ii)(B))", r.urn))
    return found
