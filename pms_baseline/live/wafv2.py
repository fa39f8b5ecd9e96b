"""Live checks of wafv2 (being written: issue 18, every pre-deploy rule also read live)."""
