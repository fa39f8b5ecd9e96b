"""Internet gateways are attached only to authorised VPCs: by default the VPCs the stack declares, or exactly the
list AWS Config's internet-gateway-authorized-vpc-only is deployed with."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, ref, resource_identities


def _attachments(resources):
    """(resource declaring the attachment, gateway label, VPC id) for every internet gateway attachment."""
    for gw in of_type(resources, t.INTERNET_GATEWAY):
        vpc = gw.props.get("vpcId")
        if vpc:
            yield gw, gw.id or gw.name, vpc
    for att in of_type(resources, t.INTERNET_GATEWAY_ATTACHMENT):
        yield att, att.props.get("internetGatewayId") or att.name, att.props.get("vpcId")


@stack_rule(
    id="ec2-internet-gateway-authorized-vpc",
    title="Internet gateways are attached only to authorised VPCs",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.INTERNET_GATEWAY, t.INTERNET_GATEWAY_ATTACHMENT, t.VPC),
    remediation="Attach internet gateways only to the VPC of the stack's internet-facing tier (SegmentedNetwork "
    "with internet_access), or add the VPC to authorizedVpcIds after review; a sealed test stack has none.",
    aws_config_rules=("internet-gateway-authorized-vpc-only",),
    config={
        "authorizedVpcIds": ConfigParam(
            "array", [], "VPC ids an internet gateway may be attached to (AuthorizedVpcIds of the Config rule).",
            items="string", item_form=(r"vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?", "a VPC id (vpc- and 8 or 17 hex digits)"),
        ),
        "authorizeStackVpcs": ConfigParam(
            "boolean",
            True,
            "Also authorise every VPC the stack declares. False judges exactly as the AWS Config rule does: with "
            "authorizedVpcIds empty, every attached gateway is unauthorised.",
        ),
    },
)
def check(resources, config):
    """Each gateway's VPC is in authorizedVpcIds (or, with authorizeStackVpcs, a VPC of the stack)."""
    allowed = set(config["authorizedVpcIds"])
    if config["authorizeStackVpcs"]:
        for vpc in of_type(resources, t.VPC):
            allowed |= resource_identities(vpc)
    found = []
    for source, gateway, vpc in _attachments(resources):
        if is_opaque(vpc) or ref(vpc) in allowed:
            continue
        found.append(Violation(
            f"internet gateway {gateway} is attached to VPC {vpc}, which is not authorised to reach the internet; "
            "attach gateways only to the internet-facing tier's VPC (164.312(a)(1))", source.urn))
    return found
