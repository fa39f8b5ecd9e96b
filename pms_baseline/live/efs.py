"""Live checks of efs (being written: issue 18, every pre-deploy rule also read live)."""
