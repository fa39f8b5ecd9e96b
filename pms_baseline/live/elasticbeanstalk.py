"""Live checks of elasticbeanstalk (being written: issue 18, every pre-deploy rule also read live)."""
