"""Rules for Amazon ECS task definitions."""
