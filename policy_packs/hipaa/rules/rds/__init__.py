"""Rules for Amazon RDS."""
