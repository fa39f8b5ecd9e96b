"""Live checks of dms (being written: issue 18, every pre-deploy rule also read live)."""
