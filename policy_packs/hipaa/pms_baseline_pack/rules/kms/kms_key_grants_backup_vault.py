"""The KMS key of an AWS Backup vault lets the account use it through AWS Backup to create the vault."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import OPAQUE, find_key, key_index, key_label, label, missing_key_grants, place

SOURCE = "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html"
ACTIONS = ("kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant", "kms:Decrypt", "kms:GenerateDataKey")


@stack_rule(
    id="kms-key-grants-backup-vault",
    title="The KMS key of a backup vault lets the account create the vault through AWS Backup",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.BACKUP_VAULT, t.KMS_KEY),
    remediation=(
        "Allow the account (or the deploying role) kms:CreateGrant, kms:DescribeKey, kms:RetireGrant, "
        "kms:Decrypt and kms:GenerateDataKey on the vault's key, e.g. with kms:ViaService "
        "backup.<region>.amazonaws.com."
    ),
)
def check(resources, config):
    """Each vault's kmsKeyArn names a key whose policy lets principals of the account, through
    backup.<region>.amazonaws.com, use the five KMS actions AWS Backup documents for creating a vault."""
    index = key_index(resources)
    found = []
    for vault in [r for r in resources if r.type == t.BACKUP_VAULT]:
        key = find_key(index, vault.props.get("kmsKeyArn"))
        if key is None or key is OPAQUE:
            continue
        account, region = place(vault, key)
        if not (account and region):
            continue
        via = f"backup.{region}.amazonaws.com"
        context = {"kms:ViaService": via, "kms:CallerAccount": account, "aws:PrincipalAccount": account}
        missing = missing_key_grants(key, Principal.of_account(account), ACTIONS, context)
        if missing is OPAQUE or not missing:
            continue
        found.append(
            Violation(
                f"vault {label(vault)} is encrypted with key {key_label(key)}, whose policy does not let the account "
                f"{', '.join(missing)} through {via}, so AWS Backup refuses to create the vault; allow those actions "
                f"to the account with kms:ViaService {via}",
                key.urn,
            )
        )
    return found
