"""Rules for Amazon DynamoDB tables."""
