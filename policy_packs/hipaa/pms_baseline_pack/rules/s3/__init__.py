"""Rules for Amazon S3 buckets and their configuration resources."""
