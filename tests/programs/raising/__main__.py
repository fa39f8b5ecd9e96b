"""A program that fails the way a user's program does: an exception while declaring resources."""

import pulumi_aws as aws

aws.s3.Bucket("first")
raise RuntimeError("the certificate for portal.example.org was not found")
