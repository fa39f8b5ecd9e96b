"""The KMS key AWS Config's deliveries are encrypted with lets the recorder's role (or AWS Config) use it."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.config.config_delivery_bucket_writable import writer
from pms_baseline_pack.rules.contracts import (
    OPAQUE,
    bucket_encryption,
    find_bucket,
    find_key,
    key_index,
    key_label,
    label,
    missing_key_grants,
    place,
)

SOURCE = "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html"


@stack_rule(
    id="kms-key-grants-config-delivery",
    title="The KMS key of AWS Config's deliveries lets the recorder's role (or AWS Config) use it",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER, t.KMS_KEY, *t.S3_BUCKETS, *t.S3_SSES),
    remediation=(
        "Allow kms:Decrypt and kms:GenerateDataKey on the key to the recorder's role (or, with the service-linked "
        "role, to config.amazonaws.com with aws:SourceAccount), e.g. with kms:ViaService s3.<region>.amazonaws.com."
    ),
)
def check(resources, config):
    """The key of the channel's s3KmsKeyArn, else of its bucket's SSE-KMS default encryption, lets the delivering
    principal kms:Decrypt and kms:GenerateDataKey through S3."""
    index = key_index(resources)
    recorders = [r for r in resources if r.type == t.CONFIG_RECORDER]
    found = []
    for channel in [r for r in resources if r.type == t.CONFIG_DELIVERY_CHANNEL]:
        ref = channel.props.get("s3KmsKeyArn")
        bucket = find_bucket(resources, channel.props.get("s3BucketName"))
        if not ref and bucket not in (None, OPAQUE):
            encryption = bucket_encryption(resources, bucket)
            if encryption is OPAQUE:
                continue
            if isinstance(encryption, tuple) and encryption[0].startswith("aws:kms"):
                ref = encryption[1]
        key = find_key(index, ref)
        if key is None or key is OPAQUE:
            continue
        who, _ = writer(resources, recorders[0] if recorders else None)
        account, region = place(key)
        context = {
            "kms:ViaService": f"s3.{region}.amazonaws.com",
            "kms:CallerAccount": account,
            "aws:SourceAccount": account,
        }
        if bucket not in (None, OPAQUE):
            context["kms:EncryptionContext:aws:s3:arn"] = f"arn:aws:s3:::{label(bucket)}"
        missing = missing_key_grants(key, who, ("kms:Decrypt", "kms:GenerateDataKey"), context)
        if missing is OPAQUE or not missing:
            continue
        whom = f"role {who.arn}" if who.arn else who.service
        found.append(
            Violation(
                f"delivery channel {label(channel)} delivers objects encrypted with key {key_label(key)}, whose policy "
                f"does not let {whom} {', '.join(missing)}, so AWS Config cannot deliver; allow {whom} "
                "kms:Decrypt and kms:GenerateDataKey in the key policy",
                key.urn,
            )
        )
    return found
