"""Rules for Amazon SNS."""
