"""CrossGuard policy packs of pms-baseline."""
