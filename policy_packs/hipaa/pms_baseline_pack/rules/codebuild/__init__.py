"""Rules for AWS CodeBuild projects."""
