"""Rules for AWS Elastic Beanstalk environments."""
