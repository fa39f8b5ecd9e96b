"""IAM users get permissions only through groups or roles, never directly attached policies."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="iam-user-no-direct-policies",
    title="IAM users have no policies attached directly",
    severity="medium",
    citations=("164.308(a)(4)(ii)(B)", "164.308(a)(4)(ii)(C)"),
    resource_types=(t.IAM_USER_POLICY, t.IAM_USER_POLICY_ATTACHMENT, t.IAM_POLICY_ATTACHMENT),
    remediation="Attach the policy to a group or role and put the user in the group (or let them assume "
    "the role).",
    aws_config_rules=("iam-user-no-policies-check",),
    checkov_ids=("CKV_AWS_40",),
)
def check(props, config):
    """A user policy or attachment names no user; a PolicyAttachment lists no users."""
    user, users = props.get("user"), props.get("users")
    if isinstance(user, str) and user or is_opaque(user):
        return [
            f"the policy is attached directly to user {shown(user)}; attach it to a group or role instead, "
            "so access is granted and revoked in one place (164.308(a)(4)(ii)(B))"
        ]
    if is_opaque(users) or not users:
        return []
    return [
        f"users is {shown(users)}; attach the policy to groups or roles only, so access is granted and "
        "revoked in one place (164.308(a)(4)(ii)(B))"
    ]
