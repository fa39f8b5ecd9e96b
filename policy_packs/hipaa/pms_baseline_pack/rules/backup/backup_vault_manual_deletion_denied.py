"""Every AWS Backup vault has an access policy that denies everyone the deletion of recovery points."""

from fnmatch import fnmatchcase

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import as_list, of_type, policy_document, resource_identities, statements

# What AWS Config's backup-recovery-point-manual-deletion-disabled looks for: a Deny of these three actions with
# a wildcard Principal and Resource.
# https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-manual-deletion-disabled.html
DENIED_ACTIONS = ("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
                  "backup:PutBackupVaultAccessPolicy")


def _everyone(principal) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in as_list(principal.get("AWS"))


def _denied(doc) -> set[str]:
    """The DENIED_ACTIONS a statement denies to every principal on every resource (action wildcards count)."""
    found: set[str] = set()
    for s in statements(doc):
        if s.get("Effect") != "Deny" or not _everyone(s.get("Principal")) or "*" not in as_list(s.get("Resource")):
            continue
        if s.get("Condition"):
            continue  # a conditional deny does not bind every caller
        patterns = [a for a in as_list(s.get("Action")) if isinstance(a, str)]
        found |= {a for a in DENIED_ACTIONS if any(fnmatchcase(a.lower(), p.lower()) for p in patterns)}
    return found


@stack_rule(
    id="backup-vault-manual-deletion-denied",
    title="Backup vault access policies deny the manual deletion of recovery points",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.312(c)(1)"),
    resource_types=(t.BACKUP_VAULT, t.BACKUP_VAULT_POLICY),
    remediation=(
        "Use the BackupVault component, or declare a VaultPolicy for the vault with one Deny statement for "
        "Principal '*' and Resource '*' on backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle and "
        "backup:PutBackupVaultAccessPolicy."
    ),
    aws_config_rules=("backup-recovery-point-manual-deletion-disabled",),
)
def check(resources, config):
    """Each vault is named by a VaultPolicy that denies every principal the three recovery-point actions."""
    policies: dict[str, list] = {}
    for p in of_type(resources, t.BACKUP_VAULT_POLICY):
        if isinstance(p.props.get("backupVaultName"), str):  # a name; any other shape names no vault
            policies.setdefault(p.props["backupVaultName"], []).append(p)
    unknown = [p for name, found in policies.items() if is_opaque(name) for p in found]
    violations = []
    for vault in of_type(resources, t.BACKUP_VAULT):
        name = vault.props.get("name") or vault.name
        mine = [p for i in sorted(resource_identities(vault)) for p in policies.get(i, ())] or unknown
        if not mine:
            violations.append(Violation(
                f"vault {name} has no VaultPolicy, so anyone with backup:DeleteRecoveryPoint can delete its "
                "recovery points; declare one that denies Principal '*' backup:DeleteRecoveryPoint, "
                "backup:UpdateRecoveryPointLifecycle and backup:PutBackupVaultAccessPolicy (164.308(a)(7)(ii)(A))",
                vault.urn))
            continue
        docs = [p.props.get("policy") for p in mine]
        if any(is_opaque(d) for d in docs):
            continue
        denied = set().union(*(_denied(policy_document(d)) for d in docs))
        missing = [a for a in DENIED_ACTIONS if a not in denied]
        if missing:
            violations.append(Violation(
                f"vault {name} access policy does not deny {', '.join(missing)} to Principal '*' on Resource "
                "'*' without conditions; add that Deny statement (164.308(a)(7)(ii)(A))", mine[0].urn))
    return violations
