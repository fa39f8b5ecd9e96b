"""Live checks of s3_settings (being written: issue 18, every pre-deploy rule also read live)."""
