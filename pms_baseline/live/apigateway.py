"""Live checks of apigateway (being written: issue 18, every pre-deploy rule also read live)."""
