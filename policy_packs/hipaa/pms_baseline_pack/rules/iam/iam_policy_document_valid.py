"""IAM and resource policy documents follow the policy grammar and name actions that exist."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.grammar import IDENTITY, RESOURCE, TRUST, problems
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import has_opaque, label
from pms_baseline_pack.rules.props import blocks, policy_document

SOURCES = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
)
# Which property of which resource holds which kind of policy.
DOCUMENTS = {
    t.IAM_POLICY: (("policy", IDENTITY),),
    t.IAM_ROLE_POLICY: (("policy", IDENTITY),),
    t.IAM_USER_POLICY: (("policy", IDENTITY),),
    t.IAM_GROUP_POLICY: (("policy", IDENTITY),),
    t.IAM_ROLE: (("assumeRolePolicy", TRUST),),
    t.KMS_KEY: (("policy", RESOURCE),),
    t.S3_POLICY: (("policy", RESOURCE),),
    t.SNS_TOPIC_POLICY: (("policy", RESOURCE),),
    t.BACKUP_VAULT_POLICY: (("policy", RESOURCE),),
}


@stack_rule(
    id="iam-policy-document-valid",
    title="Policy documents follow AWS's policy grammar and name actions that exist",
    severity="high",
    citations=(),
    sources=SOURCES,
    resource_types=tuple(DOCUMENTS),
    remediation="Fix the statement as the message says: Effect Allow or Deny; Action '<service>:<action>' of an "
    "existing action; Resource '*' or an ARN; a Principal in resource and trust policies and none in identity "
    "policies; condition operators AWS defines.",
)
def check(resources, config):
    """Each policy document a resource carries (and a role's inline policies) has no grammar problem and names
    only actions the IAM definitions know (an unknown action is refused or grants nothing)."""
    found = []
    for resource in [r for r in resources if r.type in DOCUMENTS]:
        props = resource.props
        documents = [(prop, props.get(prop), kind) for prop, kind in DOCUMENTS[resource.type]]
        if resource.type == t.IAM_ROLE:
            documents += [
                ("inlinePolicies", p.get("policy"), IDENTITY)
                for p in blocks(props.get("inlinePolicies"))
                if isinstance(p, dict)
            ]
        for prop, raw, kind in documents:
            if raw in (None, "") or has_opaque(raw):
                continue
            doc = policy_document(raw)
            if doc is None:
                found.append(
                    Violation(
                        f"{label(resource)} {prop} is not a JSON policy document; give it as a JSON object",
                        resource.urn,
                    )
                )
                continue
            found.extend(
                Violation(
                    f"{label(resource)} {prop} {p}; fix it, or AWS refuses the document "
                    "(MalformedPolicyDocument) or the statement grants nothing",
                    resource.urn,
                )
                for p in problems(doc, kind)
            )
    return found
