"""Live checks of elb_classic (being written: issue 18, every pre-deploy rule also read live)."""
