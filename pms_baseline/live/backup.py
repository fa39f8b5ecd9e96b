"""AWS Backup: vaults locked in compliance mode, and plans that back up often enough and keep long enough."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t


@collector("backup")
def collect(live, inv: Inventory) -> None:
    backup = live.client("backup", inv.region)
    vaults = inv.read(lambda: list(live.pages(backup, "list_backup_vaults", "BackupVaultList")))
    plans = inv.read(lambda: list(live.pages(backup, "list_backup_plans", "BackupPlansList")))
    inv.complete = readable(vaults, plans)
    inv.items["vaults"] = vaults if readable(vaults) else []
    described = []
    for plan in plans if readable(plans) else []:
        got = inv.read(lambda p=plan: live.call(backup, "get_backup_plan", BackupPlanId=p["BackupPlanId"]))
        if readable(got):
            described.append(got)
        else:
            inv.complete = False
    inv.items["plans"] = described


def plan_props(plan: dict) -> dict:
    """A backup plan description in the engine's property names."""
    rules = []
    for rule in plan.get("BackupPlan", {}).get("Rules", []):
        life = rule.get("Lifecycle") or {}
        rules.append(
            {
                "ruleName": rule.get("RuleName"),
                "schedule": rule.get("ScheduleExpression"),
                "lifecycle": {"deleteAfter": life.get("DeleteAfterDays")} if life else None,
                "copyActions": [
                    {"lifecycle": {"deleteAfter": (c.get("Lifecycle") or {}).get("DeleteAfterDays")}}
                    for c in rule.get("CopyActions") or []
                ],
            }
        )
    return {"rules": rules}


@check("backup-vault-lock-enabled", "backup")
def vault_locked(acct: Account):
    minimum = acct.live.rule_config("backup-vault-lock-enabled").get("minimumRetentionDays", 7)
    for inv in acct.each("backup"):
        for vault in inv.items.get("vaults", []):
            name = vault["BackupVaultName"]
            problems = []
            if not vault.get("Locked"):
                problems.append(
                    "Locked is false, so recovery points can be deleted early; put a vault lock "
                    f"with min_retention_days={minimum} and changeable_for_days set"
                )
            else:
                days = vault.get("MinRetentionDays")
                if days is None or days < minimum:
                    problems.append(f"MinRetentionDays is {days}, below the minimum of {minimum}")
            for p in problems:
                yield acct.live.finding(
                    "backup-vault-lock-enabled",
                    t.BACKUP_VAULT,
                    name,
                    vault.get("BackupVaultArn", name),
                    f"backup vault {name}: {p} (164.308(a)(7)(ii)(A))",
                    inv.region,
                )


@check("backup-plan-frequency-and-retention-minimum", "backup")
def plan_minimums(acct: Account):
    for inv in acct.each("backup"):
        for plan in inv.items.get("plans", []):
            name = plan.get("BackupPlan", {}).get("BackupPlanName", plan.get("BackupPlanId"))
            config = acct.live.rule_config("backup-plan-frequency-and-retention-minimum")
            for msg in judge("backup-plan-frequency-and-retention-minimum", plan_props(plan), config):
                yield acct.live.finding(
                    "backup-plan-frequency-and-retention-minimum",
                    t.BACKUP_PLAN,
                    name,
                    plan.get("BackupPlanId", name),
                    f"backup plan {name}: {msg}",
                    inv.region,
                )


@check("backup-plan-present", "backup")
def plan_present(acct: Account):
    for inv in acct.each("backup"):
        databases = acct.get("rds", inv.region).items.get("instances", [])
        if inv.complete and databases and not inv.items.get("plans"):
            names = ", ".join(sorted(db["DBInstanceIdentifier"] for db in databases))
            yield acct.live.finding(
                "backup-plan-present",
                t.BACKUP_PLAN,
                f"backup-{inv.region}",
                inv.region,
                f"no AWS Backup plan in the region, so databases {names} have only automated backups; deploy "
                "BackupVault (164.308(a)(7)(ii)(A))",
                inv.region,
            )
