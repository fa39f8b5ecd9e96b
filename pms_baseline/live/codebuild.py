"""Live checks of codebuild (being written: issue 18, every pre-deploy rule also read live)."""
