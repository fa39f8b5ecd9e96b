"""In a stack that holds PHI, every resource that holds data belongs to a service the AWS BAA covers.

HIPAA lets PHI into a cloud service only under a business associate agreement (164.308(b)(1), 164.314(a)), and
the AWS Business Associate Addendum covers only the services on AWS's HIPAA Eligible Services Reference. The list
and the service of every pulumi-aws module are data in ``reference/`` (``hipaa_eligible_services.tsv``, a dated
copy of the page, and ``pulumi_aws_services.tsv``); every message names the service, the page and the copy's date.

Which stacks hold PHI: a stack whose environment is one of ``phiEnvironments`` (prod and staging: staging is
production-shaped and nothing keeps PHI out of it but policy), the environment being the ``environment`` tag the
baseline sets on every resource or the stack's name in its URNs, or a stack in which any resource is tagged
``data-classification=phi`` (PhiDatabase tags its resources so). Every ``aws:`` resource of such a stack is
judged, tagged or not: a bucket a team adds next to the baseline without tags is still in a stack with PHI. A
stack with neither signal (a program named ``dev`` that tags nothing) is not judged.

What is judged: a resource whose service is not on the list is a finding when it holds data; configuration-only
resources (IAM roles and policies, routing, account settings: ``holds`` plumbing in the mapping) are judged by
what they are and pass. A pulumi-aws module the mapping does not name is a finding too, since nothing shows the
BAA covers it: add it to the mapping.

A sealed test stack (``environment`` one of ``testEnvironments``, synthetic data only, no resource tagged phi)
holds no PHI, so an ineligible service there breaks nothing yet; it is advice for the design. It is not judged
unless ``judgeSealedTest`` is set. Why not simply advisory there: CrossGuard reports a policy's violations at the
policy's one enforcement level (the SDK's report_violation takes no level), the pack declares every policy
mandatory, and the gate merges levels the same way, so a level that depends on the stack comes from the stack's
policy config, the same in both engines. A sealed test stack's policy config (its Pulumi Cloud policy group, or
``--policy-pack-config`` / ``pms-baseline gate --config``) therefore sets
``{"baa-services-eligible": {"enforcementLevel": "advisory", "judgeSealedTest": true}}``.

Not proven here: that the account has accepted the BAA (a live check in AWS Artifact), that the copy of the list
is current, that the page's scope notes (RDS engines, excluded features) are kept, or that a covered service is
configured as HIPAA requires (the other rules).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.reference import hipaa_eligible_services, service_of
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.isolation import TEST_ENVIRONMENTS
from pms_baseline_pack.rules.props import environment, tags

CITES = "(164.308(b)(1), 164.314(a))"
CLASSIFICATION_TAG = "data-classification"
PHI = "phi"
MAPPING = "reference/pulumi_aws_services.tsv"


def _data_tokens() -> tuple[str, ...]:
    """The project's type tokens of resources that hold data: what the rule is about, for reports."""
    known = {v for k, v in vars(t).items() if k.isupper() and isinstance(v, str)}
    return tuple(sorted(tok for tok in known if (m := service_of(tok)) is not None and m.holds_data))


def _label(resource) -> str:
    return f"{resource.type.rsplit(':', 1)[-1]} {resource.name}"


def _stack_name(resources) -> str:
    """The stack's name as its URNs carry it (``urn:pulumi:<stack>::<project>::...``); '' when none does."""
    for r in resources:
        if r.urn.startswith("urn:pulumi:") and "::" in r.urn:
            return r.urn[len("urn:pulumi:") :].split("::", 1)[0]
    return ""


def _scope(resources, config) -> tuple[str, str] | None:
    """Why the stack is judged and what fixes an ineligible resource in it; None when it is not judged."""
    envs = sorted(({environment(r.props) for r in resources} | {_stack_name(resources)}) - {""})
    keep = "keep PHI in a service on the list, or move the resource to a stack without PHI"
    phi_envs = [e for e in envs if e in set(config["phiEnvironments"])]
    if phi_envs:
        return f"this stack holds PHI (environment {', '.join(phi_envs)})", keep
    if any(tags(r.props).get(CLASSIFICATION_TAG) == PHI for r in resources):
        return f"this stack holds PHI (resources in it are tagged {CLASSIFICATION_TAG}={PHI})", keep
    test_envs = [e for e in envs if e in set(config["testEnvironments"])]
    if test_envs and config["judgeSealedTest"]:
        return (
            f"this sealed test stack (environment {', '.join(test_envs)}) holds synthetic data only, but a stack "
            "with PHI could not use it",
            "use a service on the list before the design carries PHI",
        )
    return None


@stack_rule(
    id="baa-services-eligible",
    title="In a stack that holds PHI, every data-holding resource is of a service the AWS BAA covers",
    severity="high",
    citations=("164.308(b)(1)", "164.314(a)"),
    resource_types=_data_tokens(),
    remediation="Keep PHI in services on AWS's HIPAA Eligible Services Reference "
    "(https://aws.amazon.com/compliance/hipaa-eligible-services-reference/): replace the resource with one of a "
    "listed service, or move it to a stack without PHI. For a pulumi-aws module the project does not map yet, look "
    "its service up on that page and add it to reference/pulumi_aws_services.tsv; refresh "
    "reference/hipaa_eligible_services.tsv when the page changes.",
    config={
        "phiEnvironments": ConfigParam(
            "array",
            ["prod", "staging"],
            "Values of the environment tag that mark a stack as holding (or able to hold) PHI.",
        ),
        "testEnvironments": TEST_ENVIRONMENTS,
        "judgeSealedTest": ConfigParam(
            "boolean",
            False,
            "Also judge sealed test stacks (synthetic data only); set it with enforcementLevel advisory in those "
            "stacks' policy config.",
        ),
    },
)
def check(resources, config):
    """Every aws: resource of a PHI stack that holds data is of a listed service; unmapped modules fail."""
    scope = _scope(resources, config)
    if scope is None:
        return []
    why, fix = scope
    listed = hipaa_eligible_services()
    source = f"AWS's HIPAA Eligible Services Reference ({listed.page}, as last updated {listed.last_updated})"
    found = []
    for r in resources:
        if not r.type.startswith("aws:"):
            continue
        mapping = service_of(r.type)
        if mapping is None:
            module = r.type.split(":")[1].split("/", 1)[0]
            found.append(
                Violation(
                    f"{_label(r)} ({r.type}) is of pulumi-aws module {module}, which {MAPPING} does not map to "
                    f"an AWS service, so nothing shows the AWS BAA covers it; {why}: look the module's service up "
                    f"on {source} and add it to the mapping {CITES}",
                    r.urn,
                )
            )
        elif mapping.holds_data and mapping.service not in listed.services:
            found.append(
                Violation(
                    f"{_label(r)} is a resource of {mapping.service}, which is not on {source}, so the AWS BAA "
                    f"does not cover it; {why}: {fix} {CITES}",
                    r.urn,
                )
            )
    return found
