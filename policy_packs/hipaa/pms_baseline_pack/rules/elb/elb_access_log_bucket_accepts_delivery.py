"""The bucket a load balancer writes access logs to uses SSE-S3 and lets Elastic Load Balancing write to it."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal, Request, allows
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import OPAQUE, bucket_encryption, bucket_policy, find_bucket, label, place, text
from pms_baseline_pack.rules.props import block

SOURCE = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html"
DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com"
# The Elastic Load Balancing account of each Region available before August 2022 (the guide's table); later
# Regions deliver only from the log delivery service principal. The guide's table itself could not be read here;
# these 24 entries were checked against AWS's own published sample (aws-samples, ServerAccessLogsBucket
# construct, ELB_ACCOUNT_ID_PER_PRE_AUG_2022_REGION, which cites the same guide) and agree with it to the digit,
# and the eight the baseline used before (infra/components/edge.py) agree too.
ELB_ACCOUNTS = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
}


def writers(region: str) -> list[Principal]:
    """Who delivers the Region's access logs: its ELB account (older Regions) and the service principal."""
    found = [Principal.of_service(DELIVERY)]
    if region in ELB_ACCOUNTS:
        found.insert(0, Principal.of_account(ELB_ACCOUNTS[region]))
    return found


@stack_rule(
    id="elb-access-log-bucket-accepts-delivery",
    title="A load balancer's access-log bucket uses SSE-S3 and lets Elastic Load Balancing write to it",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(*t.LOAD_BALANCERS, *t.S3_BUCKETS, *t.S3_SSES, t.S3_POLICY),
    remediation=(
        "Encrypt the access-log bucket with SSE-S3 (AES256; SSE-KMS is not supported) and allow s3:PutObject on "
        "<bucket>/<prefix>/AWSLogs/<account>/* in its policy to the Region's Elastic Load Balancing account "
        "(Regions before August 2022) or to logdelivery.elasticloadbalancing.amazonaws.com."
    ),
)
def check(resources, config):
    """Each load balancer's access-log bucket (when declared) has no SSE-KMS default encryption and a policy that
    lets the Region's ELB account or the log delivery service principal put the logs."""
    found = []
    for lb in [r for r in resources if r.type in t.LOAD_BALANCERS]:
        logs = block(lb.props.get("accessLogs"))
        if not isinstance(logs, dict) or logs.get("enabled") is not True:
            continue
        bucket = find_bucket(resources, logs.get("bucket"))
        if bucket is None or bucket is OPAQUE:
            continue
        account, region = place(lb)
        encryption = bucket_encryption(resources, bucket)
        if isinstance(encryption, tuple) and encryption[0].startswith("aws:kms"):
            found.append(
                Violation(
                    f"load balancer {label(lb)} logs to bucket {label(bucket)}, which encrypts with {encryption[0]}; "
                    "Elastic Load Balancing supports only SSE-S3 for access logs, so no log is delivered; set the "
                    "bucket's default encryption to AES256",
                    bucket.urn,
                )
            )
        policy = bucket_policy(resources, bucket)
        if policy is OPAQUE or not (account and region) or is_opaque(logs.get("prefix")):
            continue
        prefix = text(logs.get("prefix")).strip("/")
        key = f"{prefix}/AWSLogs/{account}/x" if prefix else f"AWSLogs/{account}/x"
        requests = [
            Request(
                "s3:PutObject",
                f"arn:aws:s3:::{label(bucket)}/{key}",
                who,
                {"aws:SecureTransport": "true", "aws:SourceAccount": account},
            )
            for who in writers(region)
        ]
        if policy is not None and any(allows(policy, r) for r in requests):
            continue
        names = " or ".join(f"arn:aws:iam::{w.account}:root" if w.account else w.service for w in writers(region))
        found.append(
            Violation(
                f"load balancer {label(lb)} logs to bucket {label(bucket)}, whose policy does not let {names} "
                f"s3:PutObject on {key.rsplit('/', 1)[0]}/*, so Elastic Load Balancing refuses the access-log "
                "setting; allow it in the bucket policy",
                bucket.urn,
            )
        )
    return found
