"""The stack declares an IAM Access Analyzer, which reports resources shared outside the account."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type


@stack_rule(
    id="iam-access-analyzer-present",
    # Account scope: an account analyzer's zone of trust is the whole account.
    scope="account",
    title="An IAM Access Analyzer exists",
    severity="medium",
    citations=("164.308(a)(1)(ii)(D)", "164.308(a)(4)(ii)(B)"),
    resource_types=(t.ACCESS_ANALYZER,),
    remediation="Use the AccountGuardrails component, or declare an accessanalyzer Analyzer.",
)
def check(resources, config):
    """At least one Access Analyzer exists."""
    if of_type(resources, t.ACCESS_ANALYZER):
        return []
    return [
        Violation(
            "the stack declares no IAM Access Analyzer, so resources shared outside the account go "
            "unnoticed; use the AccountGuardrails component (164.308(a)(1)(ii)(D))"
        )
    ]
