"""``python -m pms_baseline``: the same command as ``pms-baseline``."""

from pms_baseline.cli import run

run()
