"""A role that names, by string, a policy created in the same program depends on that policy."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import label, text
from pms_baseline_pack.rules.props import blocks, identities

SOURCE = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"
_NAMING = {t.IAM_ROLE: ("permissionsBoundary", "managedPolicyArns"), t.IAM_ROLE_POLICY_ATTACHMENT: ("policyArn",)}


@stack_rule(
    id="iam-role-depends-on-named-policies",
    title="A role depends on the policies of the program it names as boundary or managed policy",
    severity="high",
    citations=(),
    sources=(SOURCE, "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html"),
    resource_types=(t.IAM_ROLE, t.IAM_ROLE_POLICY_ATTACHMENT, t.IAM_POLICY),
    remediation="Pass the policy's arn output (not a string built from its name) as permissions_boundary, "
    "managed_policy_arns or policy_arn, or add depends_on=[policy], so the policy exists before the role names it.",
)
def check(resources, config):
    """Each permissionsBoundary, managedPolicyArns entry or attachment policyArn that is the ARN of a policy the
    program creates is among the resource's dependencies (else AWS may get the role first: NoSuchEntity)."""
    policies = {}
    for policy in [r for r in resources if r.type == t.IAM_POLICY]:
        for ident in identities(policy.props, ident=policy.id):
            if ident.startswith("arn:"):
                policies[ident] = policy
    found = []
    for resource in [r for r in resources if r.type in _NAMING]:
        after = set(resource.dependencies) | {u for us in resource.property_dependencies.values() for u in us}
        for prop in _NAMING[resource.type]:
            for value in blocks(resource.props.get(prop)):
                policy = policies.get(text(value))
                if policy is None or policy.urn in after:
                    continue
                found.append(
                    Violation(
                        f"{'role' if resource.type == t.IAM_ROLE else 'attachment'} {label(resource)} names policy "
                        f"{label(policy)} in {prop} by string but does not depend on it, so AWS may get the role "
                        "before the policy exists and refuse it (NoSuchEntity); pass the policy's arn output or add "
                        "depends_on",
                        resource.urn,
                    )
                )
    return found
