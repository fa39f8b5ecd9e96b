"""The KMS key a CloudTrail trail encrypts with lets CloudTrail use it, as CloudTrail documents."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal
from pms_baseline_pack.rules import Violation, stack_rule
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
    text,
)

SOURCE = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html"
CLOUDTRAIL = "cloudtrail.amazonaws.com"


@stack_rule(
    id="kms-key-grants-cloudtrail",
    title="The KMS key of a CloudTrail trail lets CloudTrail encrypt with it",
    severity="critical",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.CLOUDTRAIL, t.KMS_KEY),
    remediation=(
        "Add key policy statements for the service principal cloudtrail.amazonaws.com: kms:GenerateDataKey* "
        "(conditioned on aws:SourceArn of the trail, or kms:EncryptionContext:aws:cloudtrail:arn), "
        "kms:DescribeKey, and kms:Decrypt when the trail's bucket uses an S3 Bucket Key."
    ),
)
def check(resources, config):
    """Each trail's kmsKeyId names a key whose policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* and
    kms:DescribeKey for this trail, and kms:Decrypt when its bucket has an S3 Bucket Key."""
    index = key_index(resources)
    found = []
    for trail in [r for r in resources if r.type == t.CLOUDTRAIL]:
        key = find_key(index, trail.props.get("kmsKeyId"))
        if key is None or key is OPAQUE:
            continue
        account, region = place(trail, key)
        trail_arn = text(trail.props.get("arn"))
        if not trail_arn and account and region:
            trail_arn = f"arn:aws:cloudtrail:{region}:{account}:trail/{label(trail)}"
        context = {
            "aws:SourceArn": trail_arn,
            "aws:SourceAccount": account,
            "kms:EncryptionContext:aws:cloudtrail:arn": trail_arn,
        }
        actions = ["kms:GenerateDataKey", "kms:DescribeKey"]
        bucket = find_bucket(resources, trail.props.get("s3BucketName"))
        encryption = bucket_encryption(resources, bucket) if bucket not in (None, OPAQUE) else None
        bucket_key = isinstance(encryption, tuple) and encryption[0].startswith("aws:kms") and encryption[2]
        if bucket_key:
            actions.append("kms:Decrypt")
            context["kms:EncryptionContext:aws:s3:arn"] = f"arn:aws:s3:::{label(bucket)}"
        missing = missing_key_grants(key, Principal.of_service(CLOUDTRAIL), actions, context)
        if missing is OPAQUE or not missing:
            continue
        why = " (its bucket uses an S3 Bucket Key)" if "kms:Decrypt" in missing else ""
        found.append(
            Violation(
                f"trail {label(trail)} encrypts with key {key_label(key)}, whose policy does not let "
                f"{CLOUDTRAIL} {', '.join(missing)}{why}, so CloudTrail refuses the trail "
                "(InsufficientEncryptionPolicyException); allow cloudtrail.amazonaws.com those actions in the key "
                f"policy with aws:SourceArn {trail_arn or 'of the trail'}",
                key.urn,
            )
        )
    return found
