"""pms-baseline: a HIPAA compliance baseline as code for a medical Practice Management System on AWS."""

__version__ = "0.1.0"

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The Pulumi project this tool ships with: the default program of preview, gate, convert and emulate."""
