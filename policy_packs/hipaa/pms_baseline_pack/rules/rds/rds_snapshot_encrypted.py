"""RDS snapshots and snapshot copies are encrypted, copies with a customer-managed key."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import key_problem


@resource_rule(
    id="rds-snapshot-encrypted",
    title="RDS snapshots are encrypted with a customer-managed KMS key",
    severity="critical",
    citations=("164.312(a)(2)(iv)", "164.310(d)(2)(iv)"),
    resource_types=(t.RDS_SNAPSHOT, t.RDS_CLUSTER_SNAPSHOT, t.RDS_SNAPSHOT_COPY),
    remediation="Snapshot only encrypted instances (PhiDatabase), and give a snapshot copy kms_key_id of the "
    "PHI data or backups key.",
    aws_config_rules=("rds-snapshot-encrypted",),
    checkov_ids=("CKV_AWS_146", "CKV_AWS_266"),
)
def check(props, config):
    """The snapshot is not unencrypted; a copy that names a key names a customer-managed one.

    A snapshot's encryption follows its source instance, so before the snapshot exists only a copy's key
    can be judged; once it exists (an export) the ``encrypted``/``storageEncrypted`` output tells.
    """
    for prop in ("encrypted", "storageEncrypted"):
        if props.get(prop) is False:
            return [
                f"{prop} is false; snapshot only instances with storage encrypted by the PHI data key, or "
                "copy the snapshot with kms_key_id set to a customer-managed key (164.312(a)(2)(iv))"
            ]
    if "sourceDbSnapshotIdentifier" in props and props.get("kmsKeyId") not in (None, ""):
        return key_problem(
            "kmsKeyId",
            props.get("kmsKeyId"),
            "set kms_key_id to the PHI data or backups key",
            "164.312(a)(2)(iv)",
        )
    return []
