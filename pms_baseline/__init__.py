"""pms-baseline: a HIPAA compliance baseline as code for a medical Practice Management System on AWS."""

from pms_baseline_pack import __version__

__all__ = ["__version__"]
