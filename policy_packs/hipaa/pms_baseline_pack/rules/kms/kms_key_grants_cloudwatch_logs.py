"""The KMS key a CloudWatch Logs log group encrypts with lets CloudWatch Logs use it for that log group."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import OPAQUE, find_key, key_index, key_label, label, missing_key_grants, place

SOURCE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"


@stack_rule(
    id="kms-key-grants-cloudwatch-logs",
    title="The KMS key of a log group lets CloudWatch Logs use it with the log group's encryption context",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.LOG_GROUP, t.KMS_KEY),
    remediation=(
        "Add a key policy statement for the service principal logs.<region>.amazonaws.com allowing "
        "kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe*, conditioned with "
        "ArnEquals or ArnLike on kms:EncryptionContext:aws:logs:arn matching the log group's ARN."
    ),
)
def check(resources, config):
    """Each log group's kmsKeyId names a key whose policy lets logs.<region>.amazonaws.com kms:Encrypt,
    kms:Decrypt and kms:GenerateDataKey with the encryption context aws:logs:arn = the log group's ARN."""
    index = key_index(resources)
    found = []
    for group in [r for r in resources if r.type == t.LOG_GROUP]:
        key = find_key(index, group.props.get("kmsKeyId"))
        if key is None or key is OPAQUE:
            continue
        account, region = place(group, key)
        if not (account and region):
            continue
        arn = f"arn:aws:logs:{region}:{account}:log-group:{label(group)}"
        service = f"logs.{region}.amazonaws.com"
        context = {"kms:EncryptionContext:aws:logs:arn": arn, "aws:SourceAccount": account, "aws:SourceArn": arn}
        missing = missing_key_grants(
            key, Principal.of_service(service), ("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"), context
        )
        if missing is OPAQUE or not missing:
            continue
        found.append(
            Violation(
                f"log group {label(group)} is encrypted with key {key_label(key)}, whose policy does not let "
                f"{service} {', '.join(missing)} with encryption context aws:logs:arn {arn}, so CloudWatch Logs "
                "refuses to associate the key; allow that service principal those actions in the key policy "
                "with ArnLike kms:EncryptionContext:aws:logs:arn",
                key.urn,
            )
        )
    return found
