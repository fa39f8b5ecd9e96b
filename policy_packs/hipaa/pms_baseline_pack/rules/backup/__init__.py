"""Rules for AWS Backup vaults, plans and selections."""
