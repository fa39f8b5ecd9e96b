"""A state document of a few resources, for drift tests of kinds the baseline program does not declare: each
resource as `pulumi stack export` records it (urn, type, id, inputs and outputs)."""

from pms_baseline.state import StateDocument, parse_document

STACK_URN = "urn:pulumi:prod::pms-baseline::pulumi:pulumi:Stack::pms-baseline-prod"


def resource(type_: str, name: str, ident: str, **inputs) -> dict:
    """One custom resource of the export, its inputs also its outputs (as a deployed resource's are)."""
    return {
        "urn": f"urn:pulumi:prod::pms-baseline::{type_}::{name}",
        "custom": True,
        "type": type_,
        "id": ident,
        "inputs": inputs,
        "outputs": {**inputs, "id": ident},
        "parent": STACK_URN,
    }


def state_of(*resources: dict) -> StateDocument:
    stack = {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack"}
    return parse_document({"version": 3, "deployment": {"manifest": {}, "resources": [stack, *resources]}})
