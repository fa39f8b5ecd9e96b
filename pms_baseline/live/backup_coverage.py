"""Live checks of backup_coverage (being written: issue 18, every pre-deploy rule also read live)."""
