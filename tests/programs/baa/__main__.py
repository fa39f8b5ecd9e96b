"""A practice's add-ons next to the baseline, in services the AWS BAA covers and in services it does not.

Covered: an S3 bucket of scanned referrals and a DynamoDB table of appointments. Not covered and holding data: a
Lightsail bucket of patient uploads and a CloudSearch domain over chart notes (left untagged, as added in a hurry).
Not covered but configuration only, so judged by what they are: the uploader's IAM role and the Lightsail bucket's
access key.
"""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
tags = {"environment": config.require("environment"), "data-classification": config.require("dataClassification")}

aws.s3.Bucket("referral-scans", tags=tags)
aws.dynamodb.Table(
    "appointments",
    hash_key="id",
    attributes=[{"name": "id", "type": "S"}],
    billing_mode="PAY_PER_REQUEST",
    server_side_encryption={"enabled": True},
    tags=tags,
)
uploads = aws.lightsail.Bucket("patient-uploads", bundle_id="small_1_0", tags=tags)
aws.lightsail.BucketAccessKey("patient-uploads-key", bucket_name=uploads.name)
aws.cloudsearch.Domain("chart-search", index_fields=[{"name": "note", "type": "text"}])
aws.iam.Role(
    "uploader",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}
            ],
        }
    ),
    tags=tags,
)
