"""A test environment references no production identifier and no other AWS account.

Two signals, both over every string in every resource's properties (policies included, as JSON text):

- the configured ``productionIdentifiers`` (production account ids, key ARNs, snapshot ids, VPC ids...);
- any ARN whose account id is not the stack's own. The stack's own accounts are those in its resources'
  own ``arn`` properties, which the provider fills from the credentials, so the rule needs no configuration
  for it; AWS-owned accounts that appear in ARNs legitimately can be listed in ``allowedAccountIds``.
  When no resource reveals its ARN (a preview of only unknowns), this part is skipped rather than guessed.
"""

import re

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import ConfigParam, Violation, stack_rule
from pms_baseline_pack.rules.isolation import CITATION, TEST_ENVIRONMENTS, is_test_stack, label, strings

_ARN_ACCOUNT = re.compile(r"arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):[^\s\"',]*")


def _own_accounts(resources):
    own = set()
    for r in resources:
        arn = r.props.get("arn")
        match = _ARN_ACCOUNT.match(arn) if isinstance(arn, str) else None
        if match:
            own.add(match.group(1))
    return own


@stack_rule(
    id="isolation-test-no-production-identifiers",
    title="A test environment names no production identifier or foreign account",
    severity="critical",
    citations=(CITATION, "164.312(a)(1)"),
    # Every resource is searched; these are the kinds that usually carry a foreign identifier.
    resource_types=(
        t.IAM_ROLE,
        t.IAM_POLICY,
        t.IAM_ROLE_POLICY,
        t.KMS_KEY,
        t.RDS_INSTANCE,
        t.RDS_CLUSTER,
        t.VPC,
        t.S3_POLICY,
    ),
    remediation="Use the SealedTestEnvironment component with test-only keys, principals and data; remove "
    "the reference to production (set productionIdentifiers in the pack config to the production account "
    "ids, key ARNs, snapshot ids and VPC ids).",
    config={
        "testEnvironments": TEST_ENVIRONMENTS,
        "productionIdentifiers": ConfigParam(
            "array",
            [],
            "Strings (production account ids, key ARNs, snapshot ids, VPC ids) a test stack may not contain.",
            items="string",
        ),
        "allowedAccountIds": ConfigParam(
            "array", [], "Account ids other than the stack's own that ARNs in a test stack may name.",
            items="string", item_form=(r"\d{12}", "a 12-digit account id"),
        ),
    },
)
def check(resources, config):
    """In a test environment, no property names a production identifier or a foreign account."""
    if not is_test_stack(resources, config["testEnvironments"]):
        return []
    idents = [i for i in config["productionIdentifiers"] if isinstance(i, str) and i]
    own = _own_accounts(resources)
    allowed = own | set(config["allowedAccountIds"])
    found = []
    for r in resources:
        seen = set()
        for path, text in strings(dict(r.props)):
            for ident in idents:
                if ident in text and (path, ident) not in seen:
                    seen.add((path, ident))
                    found.append(
                        Violation(
                            f"{label(r)} property {path} contains production identifier {ident}; a test "
                            "stack must not reference production accounts, keys, snapshots or VPCs "
                            f"({CITATION})",
                            r.urn,
                        )
                    )
            if not own:
                continue
            for match in _ARN_ACCOUNT.finditer(text):
                account = match.group(1)
                # An account already reported as a configured identifier on this property is not repeated.
                if account in allowed or (path, account) in seen:
                    continue
                seen.add((path, account))
                found.append(
                    Violation(
                        f"{label(r)} property {path} names account {account} ({match.group(0)}), not this "
                        f"stack's account {', '.join(sorted(own))}; a test stack must not reference other "
                        f"accounts, or list the account in allowedAccountIds ({CITATION})",
                        r.urn,
                    )
                )
    return found
