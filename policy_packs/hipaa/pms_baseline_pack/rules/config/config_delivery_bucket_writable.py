"""The bucket an AWS Config delivery channel writes to lets the recorder's role (or AWS Config) write to it."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import DENY, Principal, Request, allows, decide
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import (
    OPAQUE,
    bucket_policy,
    find_bucket,
    find_role,
    identity_policies,
    label,
    place,
    text,
)

SOURCE = "https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html"
SERVICE = "config.amazonaws.com"
SERVICE_LINKED = "aws-service-role/config.amazonaws.com/"


def delivery_requests(bucket_name: str, prefix: str, account: str, who: Principal) -> list[Request]:
    """What AWS Config does to deliver: check the bucket's ACL, list it, put objects under
    <prefix>/AWSLogs/<account>/Config/ with the bucket-owner-full-control ACL, over TLS."""
    bucket_arn = f"arn:aws:s3:::{bucket_name}"
    key = f"{prefix.strip('/')}/AWSLogs/{account}/Config/x" if prefix else f"AWSLogs/{account}/Config/x"
    context = {"aws:SourceAccount": account, "aws:SecureTransport": "true", "s3:x-amz-acl": "bucket-owner-full-control"}
    return [
        Request("s3:GetBucketAcl", bucket_arn, who, context),
        Request("s3:ListBucket", bucket_arn, who, context),
        Request("s3:PutObject", f"{bucket_arn}/{key}", who, context),
    ]


def writer(resources, recorder):
    """Who delivers for ``recorder``: its role (a principal of the account) or, for the service-linked role or no
    recorder, the service principal."""
    role_arn = text(recorder.props.get("roleArn")) if recorder is not None else ""
    if not role_arn or SERVICE_LINKED in role_arn:
        return Principal.of_service(SERVICE), None
    return Principal.of_arn(role_arn), find_role(resources, role_arn)


@stack_rule(
    id="config-delivery-bucket-writable",
    title="The AWS Config delivery bucket lets the recorder's role write configuration history",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER, *t.S3_BUCKETS, t.S3_POLICY, t.IAM_ROLE),
    remediation=(
        "With the recorder's own role, give it s3:PutObject on <bucket>/<prefix>/AWSLogs/<account>/Config/* "
        "and s3:GetBucketAcl and s3:ListBucket on the bucket; with the service-linked role, allow "
        "config.amazonaws.com the same in the bucket policy (with aws:SourceAccount). Deny statements of the "
        "bucket policy must not match these requests."
    ),
)
def check(resources, config):
    """For each delivery channel whose bucket the stack declares, the bucket policy denies none of Config's
    delivery requests and the bucket policy or the recorder role's own policies allow each of them."""
    recorders = [r for r in resources if r.type == t.CONFIG_RECORDER]
    found = []
    for channel in [r for r in resources if r.type == t.CONFIG_DELIVERY_CHANNEL]:
        bucket = find_bucket(resources, channel.props.get("s3BucketName"))
        if bucket is None or bucket is OPAQUE:
            continue
        recorder = recorders[0] if recorders else None
        who, role = writer(resources, recorder)
        account = who.account or place(recorder, channel, *recorders)[0]
        if role is OPAQUE or not account:
            continue
        policy = bucket_policy(resources, bucket)
        own = identity_policies(resources, role) if role is not None else []
        if policy is OPAQUE:
            continue
        requests = delivery_requests(label(bucket), text(channel.props.get("s3KeyPrefix")), account, who)
        refused = []
        for request in requests:
            if policy is not None and decide(policy, request) == DENY:
                refused.append(request.action)
            elif (policy is not None and allows(policy, request)) or own is OPAQUE:
                continue
            elif not (role is not None and any(allows(d, request, resource_policy=False) for d in own)):
                refused.append(request.action)
        if not refused:
            continue
        whom = f"role {who.arn}" if role is not None or who.arn else SERVICE
        found.append(
            Violation(
                f"delivery channel {label(channel)} writes to bucket {label(bucket)}, but neither its bucket policy "
                f"nor the policies of {whom} allow {', '.join(refused)}, so AWS Config refuses the delivery channel "
                "(InsufficientDeliveryPolicyException); grant them to the recorder's role or, for the service-linked "
                "role, to config.amazonaws.com in the bucket policy",
                channel.urn,
            )
        )
    return found
