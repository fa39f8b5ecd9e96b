"""Live checks of iam_policies (being written: issue 18, every pre-deploy rule also read live)."""
