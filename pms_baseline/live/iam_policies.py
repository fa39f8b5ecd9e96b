"""IAM identities and the account's own policies read live under the pack's IAM policy rules: roles (their trust
policies), users, inline role, user and group policies, and customer managed policies at their default version.

One call family reads them all: GetAccountAuthorizationDetails, paginated, once per filter (Role, User, Group,
LocalManagedPolicy), so no per-entity calls.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html (RoleDetailList:
AssumeRolePolicyDocument, RolePolicyList, AttachedManagedPolicies, PermissionsBoundary; UserDetailList and
GroupDetailList likewise; Policies: PolicyVersionList with IsDefaultVersion; documents URL-encoded JSON, which
botocore decodes)

- Documents are presented as JSON text, as a state holds them; ``rules/props.py`` decodes them.
- AWS managed policies (``arn:aws:iam::aws:policy/...``) are AWS's documents, not the account's: they are not read
  (the LocalManagedPolicy filter leaves them out) and not judged; their attachments still count as grants.
  ``iam-service-role-no-admin-access`` (``iam_roles.py``) is the check that names AdministratorAccess on a service
  role, so it is not repeated here.
- Attachments are not a reader kind: a state's RolePolicyAttachment id is a generated one (``<role>-<timestamp>``)
  no live attachment carries, so drift could not match them. They are presented as the ``managedPolicyArns`` of
  roles and users (what ``iam-policy-no-admin-statements`` counts as grants, beside the group attachments its
  check below adds) and a user's attachments are judged one by one under ``iam-user-no-direct-policies``.
- A failed listing leaves its kind empty and the inventory incomplete: the resource rules judge what was read,
  the stack rules (which ask what the account lacks) are not run.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from pms_baseline.live.readers import judge_stack_violations, reader, stack_rule
from pms_baseline.live.registry import GLOBAL, Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource

SERVICE = "iam-policies"
POLICY_RULES = ("iam-policy-no-kms-decrypt-on-all-keys", "iam-policy-no-service-wildcard-actions")
LISTS = {"Role": "RoleDetailList", "User": "UserDetailList", "Group": "GroupDetailList",
         "LocalManagedPolicy": "Policies"}


def document_text(value: Any) -> str | None:
    """A policy document as a state holds it: JSON text (botocore gives IAM's documents decoded; a raw answer is
    URL-encoded JSON)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = json.loads(unquote(value))
    return json.dumps(value, sort_keys=True)


@collector(SERVICE, scope=GLOBAL)
def collect(live: Any, inv: Inventory) -> None:
    iam = live.client("iam", live.home_region)
    details: dict[str, list] = {}
    for kind, key in LISTS.items():
        got = inv.read(lambda k=kind, key=key: list(live.pages(
            iam, "get_account_authorization_details", key, Filter=[k])))
        if not readable(got):
            inv.complete = False
            got = []
        details[kind] = got
    inv.items["roles"] = [_role(r) for r in details["Role"]]
    inv.items["users"] = [_user(u) for u in details["User"]]
    inv.items["groups"] = [{"name": g["GroupName"], "arn": g.get("Arn"),
                            "attached": _attached(g)} for g in details["Group"]]
    inline = []
    for kind, owners, key in (("role", details["Role"], "RolePolicyList"), ("user", details["User"], "UserPolicyList"),
                              ("group", details["Group"], "GroupPolicyList")):
        for owner in owners:
            for p in owner.get(key) or []:
                inline.append({"kind": kind, "owner": owner[f"{kind.capitalize()}Name"], "name": p["PolicyName"],
                               "policy": inv.read(lambda p=p: document_text(p.get("PolicyDocument")))})
    for kind in ("role", "user", "group"):
        inv.items[f"{kind}_policies"] = [p for p in inline if p["kind"] == kind]
    inv.items["policies"] = [_policy(inv, p) for p in details["LocalManagedPolicy"]
                             if ":iam::aws:policy/" not in p.get("Arn", "")]


def _attached(entity: dict) -> list[str]:
    return [a["PolicyArn"] for a in entity.get("AttachedManagedPolicies") or [] if a.get("PolicyArn")]


def _boundary(entity: dict) -> str:
    """The permissions boundary's ARN; "" when there is none, so a boundary removed is drift, not unknown."""
    return (entity.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn") or ""


def _role(r: dict) -> dict:
    return {"name": r["RoleName"], "arn": r.get("Arn"), "id": r.get("RoleId"), "path": r.get("Path"),
            "trust": document_text(r.get("AssumeRolePolicyDocument")), "attached": _attached(r),
            "boundary": _boundary(r)}


def _user(u: dict) -> dict:
    return {"name": u["UserName"], "arn": u.get("Arn"), "id": u.get("UserId"), "path": u.get("Path"),
            "attached": _attached(u), "boundary": _boundary(u)}


def _policy(inv: Inventory, p: dict) -> dict:
    default = next((v for v in p.get("PolicyVersionList") or [] if v.get("IsDefaultVersion")), {})
    # moto (5.2) leaves PolicyName out of this listing; AWS gives it, and it is the ARN's last segment.
    return {"name": p.get("PolicyName") or p["Arn"].rsplit("/", 1)[-1], "arn": p["Arn"], "path": p.get("Path"),
            "policy": inv.read(lambda: document_text(default["Document"]))}


def identity_props(e: dict) -> dict:
    """A role or user in the engine's property names (aws:iam/role:Role, aws:iam/user:User)."""
    props = {"name": e["name"], "arn": e["arn"], "path": e["path"], "permissionsBoundary": e["boundary"],
             "managedPolicyArns": e["attached"]}
    if "trust" in e:
        props["assumeRolePolicy"] = e["trust"]
    return props


def inline_props(p: dict) -> dict:
    """An inline policy in the engine's property names (aws:iam/rolePolicy:RolePolicy and its user and group
    twins): its owner under ``role``, ``user`` or ``group``."""
    return {"name": p["name"], p["kind"]: p["owner"], "policy": p["policy"]}


def _ids(e: dict) -> tuple:
    return (e["name"], e["arn"], e["id"])


reader(t.IAM_ROLE, SERVICE, "roles", "role", name=lambda r: r["name"], ids=_ids, props=identity_props,
       rules=("iam-role-trust-no-wildcard-principal",), compare=("path", "permissionsBoundary"))
reader(t.IAM_USER, SERVICE, "users", "user", name=lambda u: u["name"], ids=_ids, props=identity_props,
       compare=("path", "permissionsBoundary"))
reader(t.IAM_POLICY, SERVICE, "policies", "policy", name=lambda p: p["name"], ids=lambda p: (p["arn"],),
       props=lambda p: {"name": p["name"], "arn": p["arn"], "path": p["path"], "policy": p["policy"]},
       rules=POLICY_RULES, compare=("path",))
for _token, _kind, _extra in ((t.IAM_ROLE_POLICY, "role", ()), (t.IAM_USER_POLICY, "user",
                                                                ("iam-user-no-direct-policies",)),
                              (t.IAM_GROUP_POLICY, "group", ())):
    reader(_token, SERVICE, f"{_kind}_policies", f"{_kind} policy",
           name=lambda p: f"{p['owner']}:{p['name']}", props=inline_props, rules=(*POLICY_RULES, *_extra))

INLINE = (t.IAM_ROLE_POLICY, t.IAM_USER_POLICY, t.IAM_GROUP_POLICY)
stack_rule("iam-no-inline-policies", SERVICE, (*INLINE, t.IAM_ROLE, t.IAM_USER), per_region=False)
stack_rule("iam-policy-document-valid", SERVICE, (t.IAM_POLICY, *INLINE, t.IAM_ROLE), per_region=False)


@check("iam-user-no-direct-policies", SERVICE)
def user_attachments(acct: Account):
    """Each managed policy attached to a user, judged as the UserPolicyAttachment a program would declare."""
    rule = "iam-user-no-direct-policies"
    config = acct.live.rule_config(rule)
    for user in acct.get(SERVICE).items.get("users", []):
        for arn in user["attached"]:
            name = f"{user['name']}/{arn.rsplit('/', 1)[-1]}"
            for msg in judge(rule, {"user": user["name"], "policyArn": arn}, config):
                yield acct.live.finding(rule, t.IAM_USER_POLICY_ATTACHMENT, name, f"{user['name']}-{arn}",
                                        f"user policy attachment {name}: {msg}")


ADMIN = "iam-policy-no-admin-statements"
NOUNS = {t.IAM_ROLE: "role", t.IAM_USER: "user", t.IAM_POLICY: "policy", t.IAM_ROLE_POLICY: "role policy",
         t.IAM_USER_POLICY: "user policy", t.IAM_GROUP_POLICY: "group policy"}


@check(ADMIN, SERVICE)
def admin_statements(acct: Account):
    """The pack's stack rule over the account's IAM kinds and group attachments (grants, so a policy attached to a
    group is not taken for a permissions boundary only)."""
    inv = acct.get(SERVICE)
    if not inv.complete:
        return
    views, where = [], {}
    kinds = ((t.IAM_ROLE, "roles", identity_props), (t.IAM_USER, "users", identity_props),
             (t.IAM_POLICY, "policies", lambda p: {"name": p["name"], "arn": p["arn"], "policy": p["policy"]}),
             *((tok, f"{k}_policies", inline_props) for tok, k in zip(INLINE, ("role", "user", "group"), strict=True)))
    for token, key, props in kinds:
        for item in inv.items.get(key, []):
            p = props(item)
            if not all(readable(v) for v in p.values()):
                return
            name = f"{item['owner']}:{item['name']}" if token in INLINE else item["name"]
            ident = item["arn"] if token == t.IAM_POLICY else name
            urn = f"live:{token}:{ident}"
            views.append(StackResource(urn=urn, type=token, name=name, props=p, id=ident))
            where[urn] = (token, name, ident)
    for group in inv.items.get("groups", []):
        for arn in group["attached"]:
            views.append(StackResource(urn="", type=t.IAM_GROUP_POLICY_ATTACHMENT, name=group["name"],
                                       props={"group": group["name"], "policyArn": arn}))
    for v in judge_stack_violations(ADMIN, views, acct.live.rule_config(ADMIN)):
        token, name, ident = where.get(v.urn, (t.IAM_POLICY, "iam", "iam"))
        yield acct.live.finding(ADMIN, token, name, ident, f"{NOUNS[token]} {name}: {v.message}")
