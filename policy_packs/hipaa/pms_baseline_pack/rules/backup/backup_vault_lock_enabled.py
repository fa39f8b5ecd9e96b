"""Every AWS Backup vault has a vault lock in compliance mode, so recovery points cannot be deleted early."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import integer, of_type, resource_identities, shown


@stack_rule(
    id="backup-vault-lock-enabled",
    title="Backup vaults are locked in compliance mode with a minimum retention",
    severity="high",
    citations=("164.308(a)(7)(ii)(A)", "164.312(c)(1)"),
    resource_types=(t.BACKUP_VAULT, t.BACKUP_VAULT_LOCK),
    remediation=(
        "Use the BackupVault component, or declare a VaultLockConfiguration for the vault with "
        "min_retention_days at least the minimum and changeable_for_days set (compliance mode)."
    ),
    config={
        "minimumRetentionDays": ConfigParam(
            "integer",
            7,
            "Lowest min_retention_days a vault lock may enforce.",
            # The lowest backupRetentionDays floor of any environment in infra/config.py (the lock's minimum).
            minimum=7,
        ),
        "requireComplianceMode": ConfigParam(
            "boolean",
            True,
            "Require compliance mode (changeable_for_days set), which nobody, root included, can undo. It may "
            "not be switched off; a stack that cannot meet it marks the rule advisory, which its report records.",
            choices=(True,),
        ),
    },
)
def check(resources, config):
    """Each vault has a VaultLockConfiguration naming it, with enough retention, in compliance mode."""
    locks = of_type(resources, t.BACKUP_VAULT_LOCK)
    by_vault: dict[str, list] = {}
    for k in locks:
        if isinstance(k.props.get("backupVaultName"), str):  # a name; any other shape names no vault
            by_vault.setdefault(k.props["backupVaultName"], []).append(k)
    unknown = [k for k in locks if is_opaque(k.props.get("backupVaultName"))]
    position = {id(k): n for n, k in enumerate(locks)}
    minimum = config["minimumRetentionDays"]
    found = []
    for vault in of_type(resources, t.BACKUP_VAULT):
        name = vault.props.get("name") or vault.name
        ids = resource_identities(vault)
        mine = sorted({id(k): k for k in [*(k for i in ids for k in by_vault.get(i, ())), *unknown]}.values(),
                      key=lambda k: position[id(k)])
        if not mine:
            found.append(
                Violation(
                    f"vault {name} has no VaultLockConfiguration, so recovery points can be deleted; "
                    f"declare one with min_retention_days={minimum} or more in compliance mode "
                    "(164.308(a)(7)(ii)(A))",
                    vault.urn,
                )
            )
            continue
        for lock in mine:
            raw = lock.props.get("minRetentionDays")
            days = integer(raw)
            if not is_opaque(raw) and (days is None or days < minimum):
                found.append(
                    Violation(
                        f"vault {name} lock minRetentionDays is {shown(raw if days is None else days)}, "
                        f"below the minimum of {minimum}; set min_retention_days={minimum} or more "
                        "(164.308(a)(7)(ii)(A))",
                        lock.urn,
                    )
                )
            changeable = lock.props.get("changeableForDays")
            if config["requireComplianceMode"] and not is_opaque(changeable) and integer(changeable) is None:
                found.append(
                    Violation(
                        f"vault {name} lock changeableForDays is unset, so the lock is in governance mode "
                        "and can be removed; set changeable_for_days (3 or more) to lock in compliance "
                        "mode (164.308(a)(7)(ii)(A))",
                        lock.urn,
                    )
                )
    return found
