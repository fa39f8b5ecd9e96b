"""Rules for Amazon ElastiCache (Redis OSS) clusters and replication groups."""
