"""IAM policy language: a request evaluator for resource and identity policies, and the grammar AWS enforces.

Pure functions over plain policy documents (no Pulumi, no boto3), shared by the contract rules and the emulator.
"""
