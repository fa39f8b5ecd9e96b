"""pms-baseline: a HIPAA compliance baseline as code for a medical Practice Management System on AWS."""

__version__ = "0.1.0"
