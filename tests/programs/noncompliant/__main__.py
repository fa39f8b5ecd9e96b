"""The baseline's prod program with exactly four defects, each one a change an engineer might push:

1. the PHI database is declared without storage encryption;
2. a bucket of patient statements has its public access block switched off;
3. SSH is opened to the world on the application security group;
4. the CloudTrail trail is not declared ("audit logging off for performance").

Everything else is the compliant baseline, so the gate's findings are those four defects and nothing more.
"""

import json

import pulumi
import pulumi_aws as aws

import pms_baseline_infra.components.audit_trail as audit_trail
from pms_baseline_infra.components.audit_trail import harden_bucket, log_bucket_lifecycle
from pms_baseline_infra.config import load_settings
from pms_baseline_infra.stack import build


def defects(args: pulumi.ResourceTransformationArgs):
    if args.type_ == "aws:rds/instance:Instance":  # defect 1
        props = {**args.props, "storage_encrypted": False}
        props.pop("kms_key_id", None)
        return pulumi.ResourceTransformationResult(props=props, opts=args.opts)
    if args.type_ == "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" and args.name.startswith(
        "statements"
    ):  # defect 2
        flags = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
        return pulumi.ResourceTransformationResult(props={**args.props, **dict.fromkeys(flags, False)},
                                                   opts=args.opts)
    return None


class _NoTrail:
    """Defect 4: where the AuditTrail component would declare its trail, nothing is declared."""

    def __init__(self, resource_name, **kwargs):
        self.arn = pulumi.Output.from_input(f"arn:aws:cloudtrail:us-east-1:210987654321:trail/{kwargs['name']}")


pulumi.runtime.register_stack_transformation(defects)
audit_trail.aws = type("aws", (), {"s3": aws.s3, "iam": aws.iam, "cloudwatch": aws.cloudwatch,
                                   "cloudtrail": type("cloudtrail", (), {"Trail": _NoTrail})})
try:
    outputs = build(load_settings())
finally:  # the module is shared with any later program run in the same process
    audit_trail.aws = aws

statements = aws.s3.Bucket("statements", tags={"data-classification": "phi"})
harden_bucket("statements", statements, pulumi.ResourceOptions(), outputs["keyArns"]["phi-data"])
log_bucket_lifecycle("statements", statements, pulumi.ResourceOptions())
aws.s3.BucketLogging("statements-logging", bucket=statements.id, target_bucket=outputs["accessLogBucket"],
                     target_prefix="statements/")
aws.s3.BucketPolicy("statements-policy", bucket=statements.id, policy=statements.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}],
})))
aws.vpc.SecurityGroupIngressRule(  # defect 3
    "ssh-from-anywhere", security_group_id=outputs["appSecurityGroupId"], ip_protocol="tcp", from_port=22,
    to_port=22, cidr_ipv4="0.0.0.0/0", description="vendor support access",
)
for key, value in outputs.items():
    pulumi.export(key, value)
