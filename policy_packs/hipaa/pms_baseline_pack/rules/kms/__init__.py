"""Rules for AWS KMS customer-managed keys."""
