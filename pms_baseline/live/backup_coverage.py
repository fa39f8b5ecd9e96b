"""AWS Backup read live under the pre-deploy rules' ids: which resources a backup selection covers (the six
``backup-selection-covers-*`` stack rules, over the selections and the covered kinds other collectors read), that
a vault is encrypted with a customer-managed key (``backup-vault-kms-encrypted``) and that its access policy denies
the manual deletion of recovery points (``backup-vault-manual-deletion-denied``).

https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupSelections.html
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupSelection.html (BackupSelection: Resources,
NotResources, ListOfTags of ConditionType STRINGEQUALS, Conditions)
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupVaults.html (EncryptionKeyArn)
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupVaultAccessPolicy.html (Policy as JSON text;
ResourceNotFoundException when the vault has none)
https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html (KeyManager AWS for the aws/backup key)
https://docs.aws.amazon.com/efs/latest/ug/API_DescribeBackupPolicy.html (BackupPolicy.Status; PolicyNotFound when
the file system never had one: automatic backups off)

- Plans, vaults and EFS file systems are listed again here (ListBackupPlans, ListBackupVaults, DescribeFileSystems,
  the last for each one's automatic-backup policy): a collector sees only its own inventory, and ``backup.py``'s
  and ``efs.py``'s listings stay as complete as they were when these newer calls are refused.
- A vault's key is given as an ARN, also the AWS managed ``aws/backup`` key's; that one is told by DescribeKey's
  KeyManager and presented by its alias, as a program names it (unreadable when DescribeKey is refused).
- A selection or access policy that cannot be read is unreadable: the stack rules, which ask what no selection
  covers and which vault has no policy, are then not run in the Region, never a verdict on a partial view.
- Covered kinds come from the readers of ``dynamodb.py``, ``ebs.py``, ``efs.py``, ``ec2_instances.py``,
  ``rds_settings.py`` and ``rds_clusters.py``, each presenting its ``tags`` for selections by tag (DynamoDB's
  from ListTagsOfResource; a table whose tags cannot be read leaves the Region's coverage unjudged).
"""

from __future__ import annotations

from typing import Any

# The readers of the covered kinds, declared before the stack rules that draw on them.
from pms_baseline.live import dynamodb, ebs, ec2_instances, rds_clusters, rds_settings  # noqa: F401
from pms_baseline.live import efs as efs_readers  # noqa: F401
from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "backup-coverage"


@collector(SERVICE)
def collect(live: Any, inv: Inventory) -> None:
    backup = live.client("backup", inv.region)
    plans = inv.read(lambda: list(live.pages(backup, "list_backup_plans", "BackupPlansList")))
    vaults = inv.read(lambda: list(live.pages(backup, "list_backup_vaults", "BackupVaultList")))
    inv.complete = readable(plans, vaults)
    selections: list = []
    for plan in plans if readable(plans) else []:
        listed = inv.read(lambda p=plan: list(live.pages(
            backup, "list_backup_selections", "BackupSelectionsList", BackupPlanId=p["BackupPlanId"])))
        if not readable(listed):
            selections.append(UNREADABLE)
            continue
        for s in listed:
            got = inv.read(lambda s=s: live.call(
                backup, "get_backup_selection", BackupPlanId=s["BackupPlanId"], SelectionId=s["SelectionId"]))
            selections.append({**got["BackupSelection"], "SelectionId": s["SelectionId"],
                               "BackupPlanId": s["BackupPlanId"]} if readable(got) else UNREADABLE)
    inv.items["selections"] = selections
    managers = _key_managers(live, inv, {v["EncryptionKeyArn"] for v in vaults if v.get("EncryptionKeyArn")}
                             if readable(vaults) else set())
    described, policies = [], []
    for v in vaults if readable(vaults) else []:
        name = v["BackupVaultName"]
        got = inv.read(lambda n=name: live.call(backup, "get_backup_vault_access_policy", BackupVaultName=n,
                                                missing=("ResourceNotFoundException",)))
        if not readable(got):
            policies.append(UNREADABLE)
        elif got and got.get("Policy"):
            policies.append({"BackupVaultName": name, "BackupVaultArn": v.get("BackupVaultArn"),
                             "Policy": got["Policy"]})
        described.append({**v, "KeyManager": managers.get(v.get("EncryptionKeyArn"))})
    inv.items["vaults"] = described
    inv.items["vault_policies"] = policies
    efs = live.client("efs", inv.region)
    systems = inv.read(lambda: list(live.pages(efs, "describe_file_systems", "FileSystems")))
    inv.items["efs_backup_policies"] = [UNREADABLE] if not readable(systems) else [
        {"FileSystemId": fs["FileSystemId"], "BackupPolicy": inv.read(lambda f=fs["FileSystemId"]: (live.call(
            efs, "describe_backup_policy", FileSystemId=f, missing=("PolicyNotFound",)) or {}).get("BackupPolicy"))}
        for fs in systems]


def _key_managers(live: Any, inv: Inventory, arns: set[str]) -> dict:
    kms = live.client("kms", inv.region)
    return {arn: inv.read(lambda a=arn: live.call(kms, "describe_key", KeyId=a)["KeyMetadata"]["KeyManager"])
            for arn in sorted(arns)}


def vault_props(v: dict) -> dict:
    """A vault in the engine's property names (aws:backup/vault:Vault); its AWS managed key by alias."""
    key, manager = v.get("EncryptionKeyArn"), v.get("KeyManager")
    if key and manager is UNREADABLE:
        key = UNREADABLE
    elif key and manager == "AWS":
        key = "alias/aws/backup"
    return {"name": v.get("BackupVaultName"), "arn": v.get("BackupVaultArn"), "kmsKeyArn": key}


def selection_props(s: dict) -> dict:
    """A backup selection in the engine's property names (aws:backup/selection:Selection)."""
    return {
        "name": s.get("SelectionName"),
        "planId": s.get("BackupPlanId"),
        "iamRoleArn": s.get("IamRoleArn"),
        "resources": list(s.get("Resources") or []),
        "notResources": list(s.get("NotResources") or []),
        "selectionTags": [{"type": c.get("ConditionType"), "key": c.get("ConditionKey"),
                           "value": c.get("ConditionValue")} for c in s.get("ListOfTags") or []],
    }


reader(
    t.BACKUP_VAULT, SERVICE, "vaults", "backup vault",
    name=lambda v: v["BackupVaultName"],
    ids=lambda v: (v["BackupVaultName"], v.get("BackupVaultArn")),
    props=vault_props,
    rules=("backup-vault-kms-encrypted",),
)
reader(
    t.BACKUP_VAULT_POLICY, SERVICE, "vault_policies", "vault access policy",
    name=lambda p: p["BackupVaultName"],
    props=lambda p: {"backupVaultName": p["BackupVaultName"], "backupVaultArn": p.get("BackupVaultArn"),
                     "policy": p["Policy"]},
)
reader(
    t.BACKUP_SELECTION, SERVICE, "selections", "backup selection",
    name=lambda s: s["SelectionName"],
    ids=lambda s: (s["SelectionId"],),
    props=selection_props,
)
reader(
    t.EFS_BACKUP_POLICY, SERVICE, "efs_backup_policies", "EFS backup policy",
    name=lambda p: p["FileSystemId"],
    props=lambda p: {"fileSystemId": p["FileSystemId"], "backupPolicy": UNREADABLE if p["BackupPolicy"] is UNREADABLE
                     else {"status": (p["BackupPolicy"] or {}).get("Status", "DISABLED")}},
)
stack_rule("backup-vault-manual-deletion-denied", SERVICE, (t.BACKUP_VAULT, t.BACKUP_VAULT_POLICY))
for _rule, _token in (
    ("backup-selection-covers-rds-instances", t.RDS_INSTANCE),
    ("backup-selection-covers-aurora-clusters", t.RDS_CLUSTER),
    ("backup-selection-covers-dynamodb-tables", t.DYNAMODB_TABLE),
    ("backup-selection-covers-ebs-volumes", t.EBS_VOLUME),
    ("backup-selection-covers-ec2-instances", t.EC2_INSTANCE),
):
    stack_rule(_rule, SERVICE, (t.BACKUP_SELECTION, _token))
stack_rule("backup-selection-covers-efs-file-systems", SERVICE,
           (t.BACKUP_SELECTION, t.EFS_FILE_SYSTEM, t.EFS_BACKUP_POLICY))
