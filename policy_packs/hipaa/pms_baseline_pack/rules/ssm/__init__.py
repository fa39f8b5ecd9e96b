"""Rules for AWS Systems Manager documents."""
