"""Rules for AWS WAFv2: web ACLs on internet-facing load balancers, and their logging."""
