"""Live checks of kms_grants (being written: issue 18, every pre-deploy rule also read live)."""
