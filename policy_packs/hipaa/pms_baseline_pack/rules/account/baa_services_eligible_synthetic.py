"""In a sealed test stack, a data-holding resource of a service the AWS BAA does not cover is advice: advisory.

A sealed test stack holds synthetic data only, so an ineligible service there breaks no HIPAA requirement yet;
but the design is meant to carry PHI one day, and a stack with PHI could not use it. This rule judges such a
stack exactly as ``baa-services-eligible`` judges a stack with PHI (the same ``ineligible``, the same mapping and
list) and reports at advisory unless the policy config says otherwise.

Why a second rule rather than one rule whose level depends on the stack: CrossGuard reports a policy's
violations at the policy's one enforcement level (the SDK's ``report_violation`` takes no level), and the gate
merges levels the same way (``Rule.enforcement`` < ``all`` < the rule's own entry, as the Pulumi engine does). A
level per stack therefore needs a policy per level. The two rules place a stack apart: ``baa-services-eligible``
(mandatory) judges only stacks that hold PHI and this one (advisory) only sealed test stacks, so each stack gets
one verdict at the level its data calls for, with no per-stack policy config. ``{"baa-services-eligible-synthetic":
"disabled"}`` turns the advice off; ``{"all": "mandatory"}`` makes it blocking, as it does every rule.

A sealed test stack: some resource is tagged ``environment`` with one of ``testEnvironments`` (as the isolation
rules place it), no resource is tagged with another environment, and none is tagged ``data-classification=phi``
(a test stack with PHI is not sealed, and ``baa-services-eligible`` judges it). The stack's name is not read:
only a stack tagged as a test environment is judged here. A stack both rules place (resources tagged test in a
stack named prod) gets both verdicts; the mandatory one decides.
"""

from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.account.baa_services_eligible import (
    CITATIONS,
    REMEDIATION,
    data_tokens,
    ineligible,
    tagged_phi,
)
from pms_baseline_pack.rules.isolation import TEST_ENVIRONMENTS, is_test_stack
from pms_baseline_pack.rules.props import environment


def sealed_test_reason(resources, test_environments) -> str | None:
    """Why the stack is judged as a sealed test stack, for the message; None when it is not one."""
    wanted = set(test_environments)
    envs = sorted({environment(r.props) for r in resources} - {""})
    if not is_test_stack(resources, wanted) or any(e not in wanted for e in envs) or tagged_phi(resources):
        return None
    return (
        f"this sealed test stack (environment {', '.join(envs)}) holds synthetic data only, but a stack with PHI "
        "could not use it"
    )


@stack_rule(
    id="baa-services-eligible-synthetic",
    title="In a sealed test stack, every data-holding resource is of a service the AWS BAA covers (advice)",
    severity="medium",
    citations=CITATIONS,
    resource_types=data_tokens(),
    remediation=REMEDIATION,
    enforcement="advisory",
    config={"testEnvironments": TEST_ENVIRONMENTS},
)
def check(resources, config) -> list[Violation]:
    """In a sealed test stack, every aws: resource that holds data is of a listed service; unmapped modules too."""
    why = sealed_test_reason(resources, config["testEnvironments"])
    if why is None:
        return []
    return ineligible(resources, why, "use a service on the list before the design carries PHI")
