"""Lambda functions' resource policies read live: each statement of a function's policy is the
aws:lambda/permission:Permission that would have added it, judged by lambda-permission-not-public (no wildcard or
empty principal; an s3.amazonaws.com principal carries a source account), with its principal and source account
compared with the state.

https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html (the policy as JSON text; ResourceNotFoundException
when the function has none)
https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html (how a permission becomes a statement: Sid the
StatementId; Principal {"Service": ...}, {"AWS": account root ARN} or "*"; Condition StringEquals AWS:SourceAccount,
ArnLike AWS:SourceArn, StringEquals aws:PrincipalOrgID, lambda:FunctionUrlAuthType)

Only the unqualified function's policy is read: a permission on a version or alias (Qualifier) is not listed. A
function whose policy cannot be read (denied, or not JSON) gives one unreadable permission, which the rule skips.
"""

from __future__ import annotations

import json
import re

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

_ROOT = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):root$")


@collector("lambda")
def collect(live, inv: Inventory) -> None:
    lam = live.client("lambda", inv.region)
    functions = inv.read(lambda: list(live.pages(lam, "list_functions", "Functions")))
    inv.complete = readable(functions)
    permissions = []
    for fn in functions if readable(functions) else []:
        name = fn["FunctionName"]
        policy = inv.read(lambda name=name: _statements(live.call(
            lam, "get_policy", FunctionName=name, missing=("ResourceNotFoundException",))))
        if not readable(policy):
            permissions.append({"Function": name, "Sid": "", "Statement": UNREADABLE})
            continue
        permissions += [{"Function": name, "Sid": s.get("Sid") or f"[{n}]", "Statement": s}
                        for n, s in enumerate(policy)]
    inv.items["permissions"] = permissions


def _statements(answer: dict | None) -> list[dict]:
    if answer is None:
        return []
    statements = json.loads(answer["Policy"]).get("Statement") or []
    return [s for s in (statements if isinstance(statements, list) else [statements]) if isinstance(s, dict)]


def _principal(value) -> str | None:
    """The permission's principal as AddPermission took it: a service, an account id, an ARN or ``*``."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("Service", "AWS", "Federated", "CanonicalUser") if k in value), None)
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    if not isinstance(value, str):
        return None
    m = _ROOT.match(value)
    return m.group(1) if m else value


def _condition(statement: dict, key: str) -> str | None:
    for operator in (statement.get("Condition") or {}).values():
        for k, v in (operator or {}).items():
            if k.lower() == key.lower():
                return v if isinstance(v, str) else None
    return None


def permission_props(item: dict) -> dict:
    """A policy statement as the Permission that added it, in the engine's property names."""
    s = item["Statement"]
    if not readable(s):
        return {"function": item["Function"], "principal": UNREADABLE}
    action = s.get("Action")
    return {
        "function": item["Function"],
        "statementId": item["Sid"],
        "action": action if isinstance(action, str) else None,
        "principal": _principal(s.get("Principal")),
        "sourceAccount": _condition(s, "AWS:SourceAccount"),
        "sourceArn": _condition(s, "AWS:SourceArn"),
        "principalOrgId": _condition(s, "aws:PrincipalOrgID"),
        "functionUrlAuthType": _condition(s, "lambda:FunctionUrlAuthType"),
    }


reader(
    t.LAMBDA_PERMISSION, "lambda", "permissions", "permission",
    name=lambda item: f"{item['Function']}/{item['Sid']}",
    ids=lambda item: (item["Sid"], f"{item['Function']}/{item['Sid']}"),
    props=permission_props,
    rules=("lambda-permission-not-public",),
    compare=("principal", "sourceAccount", "action"),
)
