"""Rules for Amazon Redshift clusters: encryption, audit logging, TLS, snapshots, maintenance, exposure."""
