"""The KMS keys of an RDS instance (storage and Performance Insights) let the account use them through RDS."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import (
    OPAQUE,
    find_key,
    key_index,
    key_label,
    label,
    missing_key_grants,
    place,
    text,
)

STORAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html"
INSIGHTS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.cmk-policy.html"


@stack_rule(
    id="kms-key-grants-rds",
    title="The KMS keys of an RDS instance let the account use them through RDS (storage, Performance Insights)",
    severity="high",
    citations=(),
    sources=(STORAGE, INSIGHTS),
    resource_types=(t.RDS_INSTANCE, t.RDS_CLUSTER, t.KMS_KEY),
    remediation=(
        "Allow the account kms:CreateGrant and kms:DescribeKey on the storage key, and kms:Decrypt and "
        "kms:GenerateDataKey on the Performance Insights key, with kms:ViaService rds.<region>.amazonaws.com "
        "(for Performance Insights the encryption context aws:pi:service=rds, service=pi and aws:rds:db-id)."
    ),
)
def check(resources, config):
    """kmsKeyId lets the account kms:CreateGrant and kms:DescribeKey via RDS; performanceInsightsKmsKeyId lets it
    kms:Decrypt and kms:GenerateDataKey via RDS with Performance Insights' encryption context."""
    index = key_index(resources)
    found = []
    for db in [r for r in resources if r.type in (t.RDS_INSTANCE, t.RDS_CLUSTER)]:
        account, region = place(db)
        if not (account and region):
            continue
        via = f"rds.{region}.amazonaws.com"
        base = {"kms:ViaService": via, "kms:CallerAccount": account, "aws:PrincipalAccount": account}
        uses = [
            ("kmsKeyId", "storage", ("kms:CreateGrant", "kms:DescribeKey"), base),
            (
                "performanceInsightsKmsKeyId",
                "Performance Insights",
                ("kms:Decrypt", "kms:GenerateDataKey"),
                {
                    **base,
                    "kms:EncryptionContext:aws:pi:service": "rds",
                    "kms:EncryptionContext:service": "pi",
                    "kms:EncryptionContext:aws:rds:db-id": text(db.props.get("resourceId")),
                },
            ),
        ]
        for prop, purpose, actions, context in uses:
            key = find_key(index, db.props.get(prop))
            if key is None or key is OPAQUE:
                continue
            missing = missing_key_grants(key, Principal.of_account(account), actions, context)
            if missing is OPAQUE or not missing:
                continue
            found.append(
                Violation(
                    f"database {label(db)} uses key {key_label(key)} for {purpose} ({prop}), whose policy does not let "
                    f"the account {', '.join(missing)} through {via}, so RDS refuses the instance; allow those "
                    f"actions to the account with kms:ViaService {via}",
                    key.urn,
                )
            )
    return found
