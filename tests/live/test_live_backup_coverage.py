"""AWS Backup read live under the pre-deploy rules' ids: the six backup-selection-covers-* rules over the Region's
selections and covered resources, backup-vault-kms-encrypted and backup-vault-manual-deletion-denied. moto lacks
ListBackupSelections, GetBackupSelection and GetBackupVaultAccessPolicy (and the calls that would create what they
read), so backup_answers.py answers them in AWS's documented shapes."""

import json

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.backup_answers import answer_backup, answer_declared, selection
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

ARN = "arn:aws:{}:us-east-1:123456789012:{}"
AMI = "ami-12c6146b"
FIX = "add its ARN to a backup selection of the BackupVault plan (164.308(a)(7)(ii)(A))"
DENY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Deny", "Principal": {"AWS": "*"}, "Resource": "*",
    "Action": ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
               "backup:PutBackupVaultAccessPolicy"]}]})


def findings(account, rule):
    result = verify(session=account.session, regions=["us-east-1"])
    return sorted((f.resource.name, f.message) for f in result.findings if f.rule == rule)


def answer(account, *selections, policies=None):
    """The baseline plan's selections and the vaults' access policies, as AWS would answer them."""
    plan = account.client("backup").list_backup_plans()["BackupPlansList"][0]["BackupPlanId"]
    return answer_backup(account.session, {plan: list(selections)}, policies)


def aurora(account):
    account.client("rds").create_db_cluster(
        DBClusterIdentifier="claims", Engine="aurora-postgresql", MasterUsername="pms",
        MasterUserPassword="correct-horse-battery", StorageEncrypted=True,
        Tags=[{"Key": "backup", "Value": "daily"}])


def table(account, tags=None):
    account.client("dynamodb").create_table(
        TableName="claims", BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        Tags=[{"Key": k, "Value": v} for k, v in (tags or {}).items()])


def volume(account):
    return account.client("ec2").create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=True)["VolumeId"]


def instance(account):
    return account.client("ec2").run_instances(ImageId=AMI, MinCount=1, MaxCount=1,
                                               InstanceType="t3.micro")["Instances"][0]["InstanceId"]


def file_system(account):
    return account.client("efs").create_file_system(CreationToken="claims", Encrypted=True)["FileSystemId"]


def exercise(account):
    """A selection of the baseline plan, an access policy on the baseline vault, and one of each covered kind (an
    Aurora cluster, a table, a volume, an instance, an EFS file system, whose backup policy is read)."""
    aurora(account)
    table(account)
    volume(account)
    instance(account)
    file_system(account)
    return answer(account, selection("everything", ["*"]), policies={"pms-prod-vault": DENY})


def test_an_rds_instance_in_a_selection_passes(account):
    answer(account, selection("databases", [ARN.format("rds", "db:pms-prod-db")]))
    assert findings(account, "backup-selection-covers-rds-instances") == []


def test_an_rds_instance_in_no_selection_is_a_finding(account):
    answer(account)
    assert findings(account, "backup-selection-covers-rds-instances") == [(
        "pms-prod-db", R + "RDS instance arn:aws:rds:us-east-1:123456789012:db:pms-prod-db is in no backup "
        "selection's resources; add it to the "
        "BackupVault component's protected_resource_arns (164.308(a)(7)(ii)(A))")]


def test_an_aurora_cluster_selected_by_tag_passes(account):
    aurora(account)
    answer(account, selection("tagged", tags={"backup": "daily"}))
    assert findings(account, "backup-selection-covers-aurora-clusters") == []


def test_an_aurora_cluster_in_no_selection_is_a_finding(account):
    aurora(account)
    answer(account, selection("tagged", tags={"backup": "weekly"}))
    assert findings(account, "backup-selection-covers-aurora-clusters") == [(
        "claims", R + "Aurora cluster arn:aws:rds:us-east-1:123456789012:cluster:claims is in no backup "
        f"selection's resources; {FIX}")]


def test_a_table_matched_by_a_wildcard_passes(account):
    table(account)
    answer(account, selection("tables", ["arn:aws:dynamodb:*:*:table/*"]))
    assert findings(account, "backup-selection-covers-dynamodb-tables") == []


def test_a_table_in_no_selection_is_a_finding(account):
    table(account)
    answer(account)
    assert findings(account, "backup-selection-covers-dynamodb-tables") == [(
        "claims", R + "DynamoDB table arn:aws:dynamodb:us-east-1:123456789012:table/claims is in no backup "
        f"selection's resources; {FIX}")]


def test_a_table_selected_by_tag_passes(account):
    """Its tags come from ListTagsOfResource, which DescribeTable does not answer."""
    table(account, tags={"backup": "daily"})
    answer(account, selection("tagged", tags={"backup": "daily"}))
    assert findings(account, "backup-selection-covers-dynamodb-tables") == []


def test_a_table_tagged_for_another_selection_is_a_finding(account):
    table(account, tags={"backup": "weekly"})
    answer(account, selection("tagged", tags={"backup": "daily"}))
    assert [name for name, _ in findings(account, "backup-selection-covers-dynamodb-tables")] == ["claims"]


def test_a_volume_matched_by_a_wildcard_passes(account):
    volume(account)
    answer(account, selection("volumes", ["arn:aws:ec2:*:*:volume/*"]))
    assert findings(account, "backup-selection-covers-ebs-volumes") == []


def test_a_volume_excluded_is_a_finding(account):
    vol = volume(account)
    answer(account, selection("volumes", ["arn:aws:ec2:*:*:volume/*"],
                              not_resources=[ARN.format("ec2", f"volume/{vol}")]))
    assert findings(account, "backup-selection-covers-ebs-volumes") == [
        (vol, R + f"EBS volume {vol} is in no backup selection's resources; {FIX}")]


def test_an_instance_in_a_selection_passes(account):
    iid = instance(account)
    answer(account, selection("instances", [ARN.format("ec2", f"instance/{iid}")]))
    assert findings(account, "backup-selection-covers-ec2-instances") == []


def test_an_instance_in_no_selection_is_a_finding(account):
    iid = instance(account)
    answer(account)
    assert findings(account, "backup-selection-covers-ec2-instances") == [
        (iid, R + f"EC2 instance {iid} is in no backup selection's resources; {FIX}")]


def test_a_file_system_in_a_selection_passes(account):
    file_system(account)
    answer(account, selection("files", ["arn:aws:elasticfilesystem:*:*:file-system/*"]))
    assert findings(account, "backup-selection-covers-efs-file-systems") == []


def test_a_file_system_in_no_selection_is_a_finding(account):
    fs = file_system(account)
    answer(account)
    assert findings(account, "backup-selection-covers-efs-file-systems") == [(
        fs, R + f"EFS file system arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/{fs} is in no backup "
        f"selection's resources and has no ENABLED backup policy; {FIX}")]


def test_a_vault_with_the_data_key_passes(account):
    answer(account)
    assert findings(account, "backup-vault-kms-encrypted") == []


def test_a_vault_without_a_key_of_the_account_is_a_finding(account):
    account.client("backup").create_backup_vault(BackupVaultName="scratch")
    answer(account)
    assert findings(account, "backup-vault-kms-encrypted") == [(
        "scratch", R + "backup vault scratch: kmsKeyArn is unset, so AWS uses its managed key; use BackupVault or "
        "set kms_key_arn to the backups key (164.312(a)(2)(iv))")]


def test_a_vault_policy_denying_deletion_passes(account):
    answer(account, policies={"pms-prod-vault": DENY})
    assert findings(account, "backup-vault-manual-deletion-denied") == []


def test_a_vault_without_a_policy_is_a_finding(account):
    answer(account)
    assert findings(account, "backup-vault-manual-deletion-denied") == [(
        "pms-prod-vault", R + "vault pms-prod-vault has no VaultPolicy, so anyone with backup:DeleteRecoveryPoint "
        "can delete its recovery points; declare one that denies Principal '*' backup:DeleteRecoveryPoint, "
        "backup:UpdateRecoveryPointLifecycle and backup:PutBackupVaultAccessPolicy (164.308(a)(7)(ii)(A))")]


def test_a_policy_that_denies_too_little_is_a_finding(account):
    partial = json.loads(DENY)
    partial["Statement"][0]["Action"] = ["backup:DeleteRecoveryPoint"]
    answer(account, policies={"pms-prod-vault": json.dumps(partial)})
    assert findings(account, "backup-vault-manual-deletion-denied") == [(
        "pms-prod-vault", R + "vault pms-prod-vault access policy does not deny backup:UpdateRecoveryPointLifecycle, "
        "backup:PutBackupVaultAccessPolicy to Principal '*' on Resource '*' without conditions; add that Deny "
        "statement (164.308(a)(7)(ii)(A))")]


def test_the_selections_and_vault_policies_a_state_declares_are_answered(account):
    plan = account.client("backup").list_backup_plans()["BackupPlansList"][0]["BackupPlanId"]
    state = state_of(
        resource(t.BACKUP_SELECTION, "databases", "sel-1", planId=plan,
                 resources=[ARN.format("rds", "db:pms-prod-db")],
                 selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]),
        resource(t.BACKUP_VAULT_POLICY, "vault-policy", "pms-prod-vault", backupVaultName="pms-prod-vault",
                 policy=DENY))
    answer_declared(account.session, state)
    assert findings(account, "backup-selection-covers-rds-instances") == []
    assert findings(account, "backup-vault-manual-deletion-denied") == []
