"""IAM identity policies grant no full access to a service ("s3:*", or "*" on named resources)."""

import re

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.iam import POLICY_TYPES, allow_statements, identity_policies
from pms_baseline_pack.rules.props import as_list

_SERVICE_WILDCARD = re.compile(r"^[A-Za-z0-9-]+:\*$")


@resource_rule(
    id="iam-policy-no-service-wildcard-actions",
    title="IAM policies do not allow every action of a service",
    severity="high",
    citations=("164.308(a)(4)(ii)(B)", "164.312(a)(1)"),
    resource_types=(*POLICY_TYPES, t.IAM_ROLE),
    remediation="List the actions the principal needs (s3:GetObject, logs:PutLogEvents...) instead of a "
    "service wildcard.",
    aws_config_rules=("iam-policy-no-statements-with-full-access",),
)
def check(props, config):
    """No Allow statement has an action of the form "service:*" (or "*" on resources other than "*")."""
    found = []
    for where, doc in identity_policies(props):
        for label, stmt in allow_statements(doc):
            everything = "*" in as_list(stmt.get("Resource"))
            wild = [
                a
                for a in as_list(stmt.get("Action"))
                if isinstance(a, str) and (_SERVICE_WILDCARD.match(a) or (a == "*" and not everything))
            ]
            if wild:
                found.append(
                    f"{where} statement {label} allows {', '.join(wild)} (every action of the service); list "
                    "only the actions the principal needs (164.308(a)(4)(ii)(B))"
                )
    return found
