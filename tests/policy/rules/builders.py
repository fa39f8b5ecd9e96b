"""Small builders for rule tests: stack resources and realistic identifiers."""

from pms_baseline_pack.rules import StackResource

ACCOUNT = "210987654321"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{KEY_ID}"


def res(type_: str, logical: str, /, **props) -> StackResource:
    """A StackResource as the gate builds it from a state document (URN, type, name, camelCase props)."""
    return StackResource(urn=urn(type_, logical), type=type_, name=logical, props=props)


def urn(type_: str, name: str) -> str:
    return f"urn:pulumi:prod::pms-baseline::{type_}::{name}"
