"""Rules for AWS Lambda (the folder is lambda_ because lambda is a Python keyword, as in pulumi_aws)."""
