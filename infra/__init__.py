"""The pms-baseline Pulumi program and its components."""
