"""Account-level guardrails: the account S3 public access block and EBS encryption by default."""
