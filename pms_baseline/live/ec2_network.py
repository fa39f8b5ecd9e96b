"""Live checks of ec2_network (being written: issue 18, every pre-deploy rule also read live)."""
