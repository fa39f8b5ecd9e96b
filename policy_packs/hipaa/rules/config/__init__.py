"""Rules for AWS Config."""
