"""Rules for CloudWatch Logs log groups."""
