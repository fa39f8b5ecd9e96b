"""Live checks of access_analyzer (being written: issue 18, every pre-deploy rule also read live)."""
