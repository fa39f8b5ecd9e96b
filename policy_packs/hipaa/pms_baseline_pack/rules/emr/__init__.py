"""Rules for Amazon EMR clusters: Kerberos authentication, masters without public IPs."""
