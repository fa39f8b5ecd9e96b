"""Rules for Amazon SageMaker: notebook instances and endpoint configurations."""
