"""Rules for AWS Secrets Manager."""
