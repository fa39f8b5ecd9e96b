"""AWS Backup vaults encrypt recovery points with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="backup-vault-kms-encrypted",
    title="Backup vaults are encrypted with a customer-managed KMS key",
    severity="critical",
    citations=("164.312(a)(2)(iv)", "164.310(d)(2)(iv)"),
    resource_types=(t.BACKUP_VAULT,),
    remediation="Use the BackupVault component, or set kms_key_arn to the backups key.",
    aws_config_rules=("backup-recovery-point-encrypted",),
    checkov_ids=("CKV_AWS_166",),
)
def check(props, config):
    """kmsKeyArn names a customer-managed key (unset means the AWS-managed aws/backup key)."""
    return key_problem(
        "kmsKeyArn",
        props.get("kmsKeyArn"),
        "use BackupVault or set kms_key_arn to the backups key",
        "164.312(a)(2)(iv)",
    )
