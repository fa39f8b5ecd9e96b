"""KMS key policies grant nothing to a wildcard principal."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import as_list, policy_document, statements


def _wildcard(principal) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return any(p == "*" for values in principal.values() for p in as_list(values))
    return False


@resource_rule(
    id="kms-key-policy-no-wildcard-principal",
    title="KMS key policies allow no wildcard principal",
    severity="critical",
    citations=("164.312(a)(1)", "164.308(a)(4)(ii)(B)"),
    resource_types=(t.KMS_KEY,),
    remediation=(
        "Use the Keyring component, or name the account root, the roles and the service principals that "
        "need the key (scoping services with aws:SourceArn or kms:EncryptionContext conditions) instead of "
        "'*'."
    ),
    checkov_ids=("CKV_AWS_33",),
)
def check(props, config):
    """No Allow statement of the key policy has Principal '*' or an AWS/Service principal of '*'."""
    raw = props.get("policy")
    if is_opaque(raw) or raw in (None, ""):
        return []
    doc = policy_document(raw)
    if doc is None:
        return ["policy is not a JSON policy document; give the key policy as a JSON object (164.312(a)(1))"]
    found = []
    for index, statement in enumerate(statements(doc)):
        if statement.get("Effect") == "Allow" and _wildcard(statement.get("Principal")):
            sid = statement.get("Sid") or f"#{index}"
            found.append(
                f"policy statement {sid} allows Principal '*'; name the account root, roles or service "
                "principals that need the key instead (164.312(a)(1))"
            )
    return found
