"""AWS Backup: vaults, vault locks and plans; selections and vault access policies are reported as not emulated."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, NotEmulated, handles, kw, tags
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.BACKUP_VAULT)
def _vault(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    got = c.client("backup").create_backup_vault(
        **kw(BackupVaultName=name, EncryptionKeyArn=p.get("kmsKeyArn"), BackupVaultTags=tags(p) or None)
    )
    return name, {"arn": got["BackupVaultArn"]}


@handles(t.BACKUP_VAULT_LOCK)
def _vault_lock(c: Context, r: Resource, p: dict[str, Any]):
    c.client("backup").put_backup_vault_lock_configuration(
        **kw(
            BackupVaultName=p["backupVaultName"],
            MinRetentionDays=p.get("minRetentionDays"),
            MaxRetentionDays=p.get("maxRetentionDays"),
            ChangeableForDays=p.get("changeableForDays"),
        )
    )
    return p["backupVaultName"], {}


@handles(t.BACKUP_PLAN)
def _plan(c: Context, r: Resource, p: dict[str, Any]):
    def lifecycle(block: Any) -> dict[str, Any]:
        block = block[0] if isinstance(block, list) and block else block
        if not isinstance(block, dict):
            return {}
        return kw(
            DeleteAfterDays=block.get("deleteAfter"), MoveToColdStorageAfterDays=block.get("coldStorageAfter")
        )

    rules = []
    for rule in p.get("rules") or []:
        out = kw(
            RuleName=rule["ruleName"],
            TargetBackupVaultName=rule["targetVaultName"],
            ScheduleExpression=rule.get("schedule"),
            StartWindowMinutes=rule.get("startWindow"),
            CompletionWindowMinutes=rule.get("completionWindow"),
            EnableContinuousBackup=rule.get("enableContinuousBackup"),
        )
        if lifecycle(rule.get("lifecycle")):
            out["Lifecycle"] = lifecycle(rule.get("lifecycle"))
        copies = [
            {
                "DestinationBackupVaultArn": a["destinationVaultArn"],
                **({"Lifecycle": lifecycle(a.get("lifecycle"))} if lifecycle(a.get("lifecycle")) else {}),
            }
            for a in rule.get("copyActions") or []
        ]
        if copies:
            out["CopyActions"] = copies
        rules.append(out)
    got = c.client("backup").create_backup_plan(
        BackupPlan={"BackupPlanName": p.get("name") or r.name, "Rules": rules}
    )
    return got["BackupPlanId"], {"arn": got["BackupPlanArn"], "version": got.get("VersionId", "")}


@handles(t.BACKUP_SELECTION)
def _selection(c: Context, r: Resource, p: dict[str, Any]):
    raise NotEmulated("moto 5.2.5 does not implement backup:CreateBackupSelection")


@handles(t.BACKUP_VAULT_POLICY)
def _vault_policy(c: Context, r: Resource, p: dict[str, Any]):
    # A deployed aws:backup/vaultPolicy's id is its vault's name.
    raise NotEmulated("moto 5.2.5 does not implement backup:PutBackupVaultAccessPolicy", str(p["backupVaultName"]))
