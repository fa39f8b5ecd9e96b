"""The stack declares the IAM account password policy (the account default is weak)."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type


@stack_rule(
    id="iam-password-policy-present",
    # Account scope: AWS keeps one password policy per account.
    scope="account",
    title="An IAM account password policy is declared",
    severity="high",
    citations=("164.308(a)(5)(ii)(D)",),
    resource_types=(t.IAM_ACCOUNT_PASSWORD_POLICY,),
    remediation="Use the AccountGuardrails component, or declare an AccountPasswordPolicy.",
    aws_config_rules=("iam-password-policy",),
)
def check(resources, config):
    """At least one AccountPasswordPolicy exists."""
    if of_type(resources, t.IAM_ACCOUNT_PASSWORD_POLICY):
        return []
    return [
        Violation(
            "the stack declares no IAM account password policy, so AWS's weak default applies; use the "
            "AccountGuardrails component (164.308(a)(5)(ii)(D))"
        )
    ]
