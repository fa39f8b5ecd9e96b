"""A component with children, a secret input, a dependency and an explicit provider."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()


class Store(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("minimal:data:Store", name, None, opts)
        self.key = aws.kms.Key(f"{name}-key", enable_key_rotation=True, opts=pulumi.ResourceOptions(parent=self))
        self.bucket = aws.s3.Bucket(f"{name}-bucket", tags={"owner": config.require("owner")},
                                    opts=pulumi.ResourceOptions(parent=self))
        self.sse = aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-sse", bucket=self.bucket.id,
            rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms",
                                                                 "kms_master_key_id": self.key.arn}}],
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.key]))
        self.register_outputs({"bucketName": self.bucket.bucket})


store = Store("records")
west = aws.Provider("west", region="us-west-2")
replica = aws.s3.Bucket("replica", opts=pulumi.ResourceOptions(provider=west))
secret = aws.secretsmanager.Secret("api-token", description="token")
aws.secretsmanager.SecretVersion("api-token-v1", secret_id=secret.id, secret_string=config.require_secret("apiToken"))
seed = pulumi.Output.secret("seed-plaintext-7731")
aws.secretsmanager.SecretVersion("seed-v1", secret_id=secret.id, secret_string=seed)
pulumi.export("bucketName", store.bucket.bucket)
pulumi.export("replicaArn", replica.arn)
pulumi.export("token", config.require_secret("apiToken"))
pulumi.export("adminPassword", pulumi.Output.secret("correct-horse-battery-staple"))
