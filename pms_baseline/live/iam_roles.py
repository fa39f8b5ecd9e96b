"""IAM roles a service assumes: none holds full administrator access.

A role whose trust policy names a ``Service`` principal runs code (a task, a function, an instance) with its
permissions; AdministratorAccess, or any identity policy allowing Action "*" on Resource "*", hands that code the
whole account, which AWS Config's iam-policy-no-statements-with-admin-access flags on the policy
(https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-admin-access.html). The
pre-deploy rule judges the policies a program declares; this judges what is attached in the account.

Attached customer managed policies are read at their default version and inline policies in full; of the AWS
managed policies only AdministratorAccess is named (reading every AWS managed policy's document is not needed
to find the one that grants everything).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from pms_baseline.live.registry import GLOBAL, Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.iam import allow_statements
from pms_baseline_pack.rules.props import as_list

ADMIN_POLICY = "AdministratorAccess"


def _document(value: Any) -> dict[str, Any]:
    """A policy document as boto3 gives it: a dict (botocore decodes IAM's), or URL-encoded JSON text."""
    if isinstance(value, dict):
        return value
    try:
        doc = json.loads(unquote(str(value)))
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def service_principals(trust: dict[str, Any]) -> list[str]:
    """The services an assume-role policy lets assume the role."""
    found: list[str] = []
    for _label, stmt in allow_statements(trust):
        principal = stmt.get("Principal")
        if isinstance(principal, dict):
            found += [s for s in as_list(principal.get("Service")) if isinstance(s, str)]
    return found


def admin_statements(doc: dict[str, Any]) -> list[str]:
    """Labels of the Allow statements granting Action "*" on Resource "*"."""
    return [label for label, stmt in allow_statements(doc)
            if "*" in as_list(stmt.get("Action")) and "*" in as_list(stmt.get("Resource"))]


def _policy_document(live: Any, iam: Any, arn: str) -> dict[str, Any]:
    version = live.call(iam, "get_policy", PolicyArn=arn)["Policy"]["DefaultVersionId"]
    got = live.call(iam, "get_policy_version", PolicyArn=arn, VersionId=version)
    return _document(got["PolicyVersion"].get("Document"))


@collector("iam_roles", scope=GLOBAL)
def collect(live: Any, inv: Inventory) -> None:
    iam = live.client("iam", live.home_region)
    roles = inv.read(lambda: list(live.pages(iam, "list_roles", "Roles")))
    if not readable(roles):
        inv.complete = False
        return
    documents: dict[str, Any] = {}
    described = []
    for role in roles:
        services = service_principals(_document(role.get("AssumeRolePolicyDocument")))
        if not services:
            continue
        name = role.get("RoleName", "")
        attached = inv.read(lambda n=name: list(live.pages(iam, "list_attached_role_policies", "AttachedPolicies",
                                                             RoleName=n)))
        inline_names = inv.read(lambda n=name: list(live.pages(iam, "list_role_policies", "PolicyNames",
                                                                 RoleName=n)))
        inline = {}
        for policy in inline_names if readable(inline_names) else []:
            got = inv.read(lambda n=name, p=policy: live.call(iam, "get_role_policy", RoleName=n, PolicyName=p))
            inline[policy] = _document(got.get("PolicyDocument")) if readable(got) else got
        for policy in attached if readable(attached) else []:
            arn = policy.get("PolicyArn", "")
            if arn and f":iam::{live.account_id}:" in arn and arn not in documents:
                documents[arn] = inv.read(lambda a=arn: _policy_document(live, iam, a))
        described.append({"name": name, "arn": role.get("Arn", ""), "services": services,
                          "attached": attached, "inline": inline})
    inv.items["service_roles"] = described
    inv.items["policy_documents"] = documents


@check("iam-service-role-no-admin-access", "iam_roles")
def service_role_no_admin(acct: Account):
    inv = acct.get("iam_roles")
    documents = inv.items.get("policy_documents", {})
    for role in inv.items.get("service_roles", []):
        grants = []
        for policy in role["attached"] if readable(role["attached"]) else []:
            arn, name = policy.get("PolicyArn", ""), policy.get("PolicyName", "")
            if arn.endswith(f":iam::aws:policy/{ADMIN_POLICY}"):
                grants.append(f"the AWS managed policy {ADMIN_POLICY}")
            doc = documents.get(arn)
            if doc is not None and readable(doc):
                grants += [f"policy {name} statement {label}" for label in admin_statements(doc)]
        for policy, doc in sorted(role["inline"].items()):
            if readable(doc):
                grants += [f"inline policy {policy} statement {label}" for label in admin_statements(doc)]
        for grant in grants:
            yield acct.live.finding(
                "iam-service-role-no-admin-access", t.IAM_ROLE, role["name"], role["arn"],
                f"role {role['name']}, assumed by {', '.join(role['services'])}: {grant} allows Action \"*\" on "
                "Resource \"*\" (full administrator access); grant only what the service needs "
                "(164.308(a)(4)(ii)(B))",
            )
