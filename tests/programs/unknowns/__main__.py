"""Records copied to a second region and encrypted there with a replica of a multi-region key.

A real preview cannot know the replica key's ARN before the replica exists, and neither can the offline one:
every setting below that names the replica is unknown at preview, which is what this program is for.
"""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
dr = aws.Provider("dr", region=config.require("drRegion"))
in_dr = pulumi.ResourceOptions(provider=dr)

primary = aws.kms.Key("records-key", description="patient records", multi_region=True, enable_key_rotation=True,
                      deletion_window_in_days=30)
replica = aws.kms.ReplicaKey("records-key-dr", primary_key_arn=primary.arn, deletion_window_in_days=30,
                             opts=in_dr)

copies = aws.s3.Bucket("records-dr", tags={"environment": "prod"}, opts=in_dr)
aws.s3.BucketServerSideEncryptionConfiguration(
    "records-dr-sse", bucket=copies.bucket,
    rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms",
                                                         "kms_master_key_id": replica.arn},
            "bucket_key_enabled": True}],
    opts=in_dr)
aws.s3.BucketPublicAccessBlock("records-dr-pab", bucket=copies.bucket, block_public_acls=True,
                               block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True,
                               opts=in_dr)

# Where copies land before they are checked: its encryption is simply missing, which the gate must still fail.
inbox = aws.s3.Bucket("records-dr-inbox", tags={"environment": "prod"}, opts=in_dr)
aws.s3.BucketPublicAccessBlock("records-dr-inbox-pab", bucket=inbox.bucket, block_public_acls=True,
                               block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True,
                               opts=in_dr)

copy_log = aws.cloudwatch.LogGroup("records-dr-copies", retention_in_days=2192, kms_key_id=replica.arn,
                                   tags={"environment": "prod"}, opts=in_dr)

# Tells the records service that a copy has landed.
copied = aws.sqs.Queue("records-dr-copied", kms_master_key_id=replica.arn, message_retention_seconds=1209600,
                       tags={"environment": "prod"}, opts=in_dr)

pulumi.export("replicaKey", replica.arn)
pulumi.export("copyLog", copy_log.name)
