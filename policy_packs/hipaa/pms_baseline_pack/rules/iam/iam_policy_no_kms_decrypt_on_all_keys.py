"""IAM identity policies do not allow decrypting with every KMS key in the account."""

from fnmatch import fnmatchcase

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.iam import POLICY_TYPES, allow_statements, identity_policies
from pms_baseline_pack.rules.props import as_list


def _all_keys(resource) -> bool:
    return isinstance(resource, str) and (
        resource == "*" or (":kms:" in resource and resource.endswith(":key/*"))
    )


@resource_rule(
    id="iam-policy-no-kms-decrypt-on-all-keys",
    title="IAM policies do not allow KMS decryption with every key",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.308(a)(4)(ii)(B)"),
    resource_types=(*POLICY_TYPES, t.IAM_ROLE),
    remediation="Name the key ARNs the principal may decrypt with in Resource (the keyring's key ARNs), or "
    "rely on the key policy.",
    aws_config_rules=("iam-customer-policy-blocked-kms-actions", "iam-inline-policy-blocked-kms-actions"),
    config={
        "blockedActions": ConfigParam(
            "array",
            ["kms:Decrypt", "kms:ReEncryptFrom"],
            "KMS actions no identity policy may allow on every key (more may be blocked, none dropped).",
            items="string",
            keep_defaults=True,
        )
    },
)
def check(props, config):
    """No Allow statement grants a blocked KMS action (directly or by a kms:* wildcard) on Resource "*"."""
    blocked = [b.lower() for b in config["blockedActions"]]
    found = []
    for where, doc in identity_policies(props):
        for label, stmt in allow_statements(doc):
            if not any(_all_keys(r) for r in as_list(stmt.get("Resource"))):
                continue
            hits = [
                a
                for a in as_list(stmt.get("Action"))
                if isinstance(a, str) and a != "*" and any(fnmatchcase(b, a.lower()) for b in blocked)
            ]
            if hits:
                found.append(
                    f"{where} statement {label} allows {', '.join(hits)} on every KMS key; name the keys in "
                    "Resource so PHI keys are not usable by default (164.312(a)(2)(iv))"
                )
    return found
