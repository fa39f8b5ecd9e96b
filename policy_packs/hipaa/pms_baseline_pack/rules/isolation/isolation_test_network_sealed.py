"""A test environment has no network path to production or the internet."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.isolation import CITATION, TEST_ENVIRONMENTS, is_test_stack, label
from pms_baseline_pack.rules.props import of_type

FORBIDDEN = (
    t.VPC_PEERING_CONNECTION,
    t.VPC_PEERING_CONNECTION_ACCEPTER,
    t.INTERNET_GATEWAY,
    t.INTERNET_GATEWAY_ATTACHMENT,
    t.EGRESS_ONLY_INTERNET_GATEWAY,
    t.NAT_GATEWAY,
    t.TRANSIT_GATEWAY_VPC_ATTACHMENT,
    t.VPN_GATEWAY,
    t.VPN_GATEWAY_ATTACHMENT,
    t.VPN_CONNECTION,
)


@stack_rule(
    id="isolation-test-network-sealed",
    title="A test environment has no peering, internet, NAT, transit or VPN connectivity",
    severity="critical",
    citations=(CITATION, "164.312(a)(1)", "164.312(e)(1)"),
    resource_types=FORBIDDEN,
    remediation="Use the SealedTestEnvironment component and remove the connection; a test environment "
    "reaches AWS services through VPC endpoints only.",
    config={"testEnvironments": TEST_ENVIRONMENTS},
)
def check(resources, config):
    """When the stack is a test environment, it declares none of the forbidden connectivity resources."""
    if not is_test_stack(resources, config["testEnvironments"]):
        return []
    return [
        Violation(
            f"the test environment declares {label(r)}; a sealed test environment has no path to production "
            f"or the internet, remove it ({CITATION})",
            r.urn,
        )
        for r in of_type(resources, *FORBIDDEN)
    ]
