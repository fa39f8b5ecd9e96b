"""BackupVault: encrypted, compliance-locked vault, daily and monthly rules, off-region copy in prod."""

import dataclasses
import json

import pytest

from pms_baseline_infra.components.backups import BackupVault, BackupVaultArgs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import ACCOUNT, BACKUP_KEY, only, policy, preview, rule_violations, tags_for

DB_ARN = f"arn:aws:rds:us-east-1:{ACCOUNT}:db:pms-prod-phi"
POLICIES = [
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
]


def args(environment, **changes):
    base = BackupVaultArgs(
        backup_key_arn=BACKUP_KEY,
        protected_resource_arns=[DB_ARN],
        environment=environment,
        daily_retention_days=35,
        monthly_retention_days=2557,
        copy_region="us-west-2",
        tags=tags_for(environment),
    )
    return dataclasses.replace(base, **changes)


def build(stack, vault_args):
    seen = {}

    def body():
        seen["vault"] = BackupVault("pms", vault_args)

    return preview(body, stack=stack), seen["vault"]


@pytest.fixture(scope="module")
def prod():
    return build("prod", args("prod"))


@pytest.fixture(scope="module")
def doc(prod):
    return prod[0]


@pytest.fixture(scope="module")
def staging():
    return build(
        "staging", args("staging", daily_retention_days=14, monthly_retention_days=365, copy_region=None)
    )


def vault(doc):
    return only(doc, t.BACKUP_VAULT, "pms-vault")


def copy_vault(doc):
    return only(doc, t.BACKUP_VAULT, "pms-copy-vault")


def lock_of(doc, v):
    (lock,) = [
        k for k in doc.of_type(t.BACKUP_VAULT_LOCK) if k.inputs["backupVaultName"] == v.outputs["name"]
    ]
    return lock


def rules(doc):
    return {r["ruleName"]: r for r in only(doc, t.BACKUP_PLAN).inputs["rules"]}


def test_component_token(doc):
    assert vault(doc).parent == only(doc, t.PMS_BACKUP).urn


def test_vault_encrypted_with_backup_key(doc):
    assert vault(doc).inputs["kmsKeyArn"] == BACKUP_KEY


@pytest.mark.parametrize("which", [vault, copy_vault])
def test_vault_lock_in_compliance_mode(doc, which):
    lock = lock_of(doc, which(doc))
    assert lock.inputs["changeableForDays"] == 3
    assert lock.inputs["minRetentionDays"] == 35
    assert lock.inputs["maxRetentionDays"] == 2557


def test_vault_lock_bounds_admit_the_plan(doc):
    lock = lock_of(doc, vault(doc))
    kept = [r["lifecycle"]["deleteAfter"] for r in rules(doc).values()]
    assert lock.inputs["minRetentionDays"] <= min(kept)
    assert lock.inputs["maxRetentionDays"] >= max(kept)


def test_daily_rule(doc):
    daily = rules(doc)["daily"]
    assert daily["schedule"] == "cron(0 5 ? * * *)"
    assert daily["lifecycle"] == {"deleteAfter": 35}
    assert daily["targetVaultName"] == vault(doc).outputs["name"]


def test_monthly_rule(doc):
    monthly = rules(doc)["monthly"]
    assert monthly["schedule"] == "cron(0 5 1 * ? *)"
    assert monthly["lifecycle"] == {"deleteAfter": 2557}
    assert monthly["targetVaultName"] == vault(doc).outputs["name"]


def test_every_rule_copies_to_copy_vault(doc):
    arn = copy_vault(doc).outputs["arn"]
    assert {name: r["copyActions"] for name, r in rules(doc).items()} == {
        "daily": [{"destinationVaultArn": arn, "lifecycle": {"deleteAfter": 35}}],
        "monthly": [{"destinationVaultArn": arn, "lifecycle": {"deleteAfter": 2557}}],
    }


def test_copy_vault_lives_in_copy_region(doc):
    copy = copy_vault(doc)
    (provider,) = [p for p in doc.of_type(t.AWS_PROVIDER) if p.name == "pms-copy-region"]
    assert provider.inputs["region"] == "us-west-2"
    assert copy.provider.startswith(provider.urn + "::")
    assert copy.outputs["arn"].startswith("arn:aws:backup:us-west-2:")


def test_copy_vault_has_its_own_rotating_key_in_copy_region(doc):
    key = only(doc, t.KMS_KEY, "pms-copy-key")
    assert copy_vault(doc).inputs["kmsKeyArn"] == key.outputs["arn"]
    assert key.outputs["arn"].startswith(f"arn:aws:kms:us-west-2:{ACCOUNT}:key/")
    assert key.inputs["enableKeyRotation"] is True
    assert key.inputs["deletionWindowInDays"] == 30
    statements = policy(key.inputs["policy"])["Statement"]
    assert all(s["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"} for s in statements)
    assert [s["Condition"]["StringEquals"]["kms:ViaService"] for s in statements[1:]] == [
        "backup.us-west-2.amazonaws.com",
        "rds.us-west-2.amazonaws.com",
    ]


def test_no_copy_vault_without_copy_region(staging):
    doc, component = staging
    assert component.copy_vault is None
    assert [v.name for v in doc.of_type(t.BACKUP_VAULT)] == ["pms-vault"]
    assert all(r["copyActions"] in (None, []) for r in rules(doc).values())
    assert [p for p in doc.of_type(t.AWS_PROVIDER) if p.name == "pms-copy-region"] == []


def test_copy_vault_attribute(prod):
    doc, component = prod
    assert component.copy_vault is not None


def test_prod_without_copy_region_raises():
    with pytest.raises(ValueError, match="^a prod BackupVault needs copy_region"):
        build("prod", args("prod", copy_region=None))


def test_monthly_shorter_than_daily_raises():
    with pytest.raises(
        ValueError, match="^monthly_retention_days=7 is shorter than daily_retention_days=35$"
    ):
        build("staging", args("staging", monthly_retention_days=7))


def test_selection_covers_protected_resources(doc):
    selection = only(doc, t.BACKUP_SELECTION)
    assert selection.inputs["resources"] == [DB_ARN]
    assert selection.inputs["planId"] == only(doc, t.BACKUP_PLAN).id
    assert selection.inputs["iamRoleArn"] == only(doc, t.IAM_ROLE).outputs["arn"]


def test_backup_role_has_only_managed_backup_policies(doc):
    role = only(doc, t.IAM_ROLE)
    trust = policy(role.inputs["assumeRolePolicy"])["Statement"]
    assert [s["Principal"] for s in trust] == [{"Service": "backup.amazonaws.com"}]
    attachments = doc.of_type(t.IAM_ROLE_POLICY_ATTACHMENT)
    assert sorted(a.inputs["policyArn"] for a in attachments) == POLICIES
    assert {a.inputs["role"] for a in attachments} == {role.outputs["name"]}
    assert doc.of_type(t.IAM_ROLE_POLICY, t.IAM_POLICY) == []


@pytest.mark.parametrize("which", ["doc", "staging"])
def test_passes_the_backup_and_kms_rules(request, which):
    value = request.getfixturevalue(which)
    assert rule_violations(value if which == "doc" else value[0], ("backup-", "kms-")) == {}


@pytest.mark.parametrize("which", [vault, copy_vault])
def test_every_vault_denies_manual_deletion_of_recovery_points(doc, which):
    """Issue 14, point 11: AWS Config's backup-recovery-point-manual-deletion-disabled, which the baseline deploys,
    needs a vault access policy with a Deny of three actions for Principal '*' on Resource '*'."""
    v = which(doc)
    (found,) = [p for p in doc.of_type(t.BACKUP_VAULT_POLICY) if p.inputs["backupVaultName"] == v.outputs["name"]]
    (statement,) = json.loads(found.inputs["policy"])["Statement"]
    assert (statement["Effect"], statement["Principal"], statement["Resource"]) == ("Deny", "*", "*")
    assert statement["Action"] == ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
                                   "backup:PutBackupVaultAccessPolicy"]
    assert found.provider.split("::")[:-1] == v.provider.split("::")[:-1]
