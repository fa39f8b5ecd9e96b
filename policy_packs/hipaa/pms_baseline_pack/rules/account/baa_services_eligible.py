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

What is judged (``ineligible``, shared with ``baa-services-eligible-synthetic``): a resource whose service is not
on the list is a finding when it holds data; configuration-only resources (IAM roles and policies, routing,
account settings: ``holds`` plumbing in the mapping) are judged by what they are and pass. A pulumi-aws module
the mapping does not name is a finding too, since nothing shows the BAA covers it: add it to the mapping.

A sealed test stack (synthetic data only, nothing tagged phi) holds no PHI, so this rule, mandatory, leaves it
alone; ``baa-services-eligible-synthetic`` judges it the same way at advisory, as advice for the design.

Not proven here: that the account has accepted the BAA (``pms-baseline verify`` reads that from AWS Artifact:
``baa-agreement-active``), that the copy of the list is current, that the page's scope notes (RDS engines,
excluded features) are kept, or that a covered service is configured as HIPAA requires (the other rules).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.reference import hipaa_eligible_services, service_of
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.props import environment, tags

CITES = "(164.308(b)(1), 164.314(a))"
CITATIONS = ("164.308(b)(1)", "164.314(a)")
CLASSIFICATION_TAG = "data-classification"
PHI = "phi"
MAPPING = "reference/pulumi_aws_services.tsv"
REMEDIATION = (
    "Keep PHI in services on AWS's HIPAA Eligible Services Reference "
    "(https://aws.amazon.com/compliance/hipaa-eligible-services-reference/): replace the resource with one of a "
    "listed service, or move it to a stack without PHI. For a pulumi-aws module the project does not map yet, look "
    "its service up on that page and add it to reference/pulumi_aws_services.tsv; refresh "
    "reference/hipaa_eligible_services.tsv when the page changes."
)


def data_tokens() -> tuple[str, ...]:
    """The project's type tokens of resources that hold data: what the BAA rules are about, for reports."""
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


def tagged_phi(resources) -> bool:
    """True when any resource of the stack is tagged ``data-classification=phi``."""
    return any(tags(r.props).get(CLASSIFICATION_TAG) == PHI for r in resources)


def phi_reason(resources, phi_environments) -> str | None:
    """Why the stack holds PHI, for the message; None when nothing says it does."""
    envs = sorted(({environment(r.props) for r in resources} | {_stack_name(resources)}) - {""})
    phi_envs = [e for e in envs if e in set(phi_environments)]
    if phi_envs:
        return f"this stack holds PHI (environment {', '.join(phi_envs)})"
    if tagged_phi(resources):
        return f"this stack holds PHI (resources in it are tagged {CLASSIFICATION_TAG}={PHI})"
    return None


def ineligible(resources, why: str, fix: str) -> list[Violation]:
    """A violation for every ``aws:`` resource that holds data in a service the list lacks, and for every one
    of a pulumi-aws module the mapping does not name; ``why`` says why the stack is judged, ``fix`` what to do."""
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


@stack_rule(
    id="baa-services-eligible",
    title="In a stack that holds PHI, every data-holding resource is of a service the AWS BAA covers",
    severity="high",
    citations=CITATIONS,
    resource_types=data_tokens(),
    remediation=REMEDIATION,
    config={
        "phiEnvironments": ConfigParam(
            "array",
            ["prod", "staging"],
            "Values of the environment tag that mark a stack as holding (or able to hold) PHI.",
            items="string",
            keep_defaults=True,
        ),
    },
)
def check(resources, config):
    """Every aws: resource of a PHI stack that holds data is of a listed service; unmapped modules fail."""
    why = phi_reason(resources, config["phiEnvironments"])
    if why is None:
        return []
    return ineligible(resources, why, "keep PHI in a service on the list, or move the resource to a stack without PHI")
