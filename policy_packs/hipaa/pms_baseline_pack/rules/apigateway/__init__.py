"""Rules for Amazon API Gateway REST API stages."""
