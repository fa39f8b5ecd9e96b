"""Rules for AWS DMS replication instances."""
