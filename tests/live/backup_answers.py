"""AWS Backup answers moto (5.2) does not give: ListBackupSelections and GetBackupSelection raise
NotImplementedError and GetBackupVaultAccessPolicy answers 404 "Not yet implemented" (nor can moto create either:
CreateBackupSelection and PutBackupVaultAccessPolicy are missing too). A test gives the session the answers AWS
would, in the API's documented shapes
(https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupSelections.html,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupSelection.html,
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupVaultAccessPolicy.html, whose
ResourceNotFoundException means the vault has no policy), before the call is sent; every other call still goes
to moto."""

from __future__ import annotations

from typing import Any

from botocore.awsrequest import AWSResponse

ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"


def selection(name: str, resources=(), tags: dict[str, str] | None = None, not_resources=(),
              ident: str = "") -> dict[str, Any]:
    """A BackupSelection as GetBackupSelection returns it (``ident``: its SelectionId, else ``sel-<n>``)."""
    return {**({"SelectionId": ident} if ident else {}), "SelectionName": name, "IamRoleArn": ROLE,
            "Resources": list(resources),
            "NotResources": list(not_resources),
            "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": k, "ConditionValue": v}
                           for k, v in (tags or {}).items()]}


def ids(selections: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(SelectionId, the selection without it) of a plan's selections: the id ``selection(ident=...)`` gave, else
    ``sel-<n>``."""
    return [(s.get("SelectionId") or f"sel-{n}", {k: v for k, v in s.items() if k != "SelectionId"})
            for n, s in enumerate(selections)]


def answer_backup(session: Any, selections: dict[str, list[dict[str, Any]]] | None = None,
                  policies: dict[str, str] | None = None) -> list[str]:
    """Answer on ``session``'s clients: ``selections`` backup plan id -> its selections (``selection(...)``);
    ``policies`` vault name -> access policy (JSON text); a vault not named has none. Returns the operations
    answered, appended to as they are."""
    selections, policies = selections or {}, policies or {}
    answered: list[str] = []

    def ok(params: dict[str, Any], body: dict[str, Any]) -> tuple[AWSResponse, dict[str, Any]]:
        return AWSResponse(params.get("url", ""), 200, {}, None), {**body, "ResponseMetadata": {"HTTPStatusCode": 200}}

    def answer(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        answered.append(model.name)
        parts = [p for p in params["url_path"].split("?")[0].split("/") if p]
        if model.name == "GetBackupVaultAccessPolicy":
            vault = parts[1]
            if vault not in policies:
                error = {"Code": "ResourceNotFoundException", "Message": f"Backup vault {vault} has no policy"}
                return (AWSResponse(params.get("url", ""), 404, {}, None),
                        {"Error": error, "ResponseMetadata": {"HTTPStatusCode": 404}})
            return ok(params, {"BackupVaultName": vault, "Policy": policies[vault],
                               "BackupVaultArn": f"arn:aws:backup:us-east-1:123456789012:backup-vault:{vault}"})
        plan = parts[2]
        mine = selections.get(plan, [])
        if model.name == "ListBackupSelections":
            return ok(params, {"BackupSelectionsList": [
                {"SelectionId": ident, "SelectionName": s["SelectionName"], "BackupPlanId": plan,
                 "IamRoleArn": s["IamRoleArn"]} for ident, s in ids(mine)]})
        ident, found = next((i, s) for i, s in ids(mine) if i == parts[4])
        return ok(params, {"BackupSelection": found, "SelectionId": ident, "BackupPlanId": plan})

    # A later answer replaces an earlier one (the suite's fixture answers what the state declares; a test may
    # then answer otherwise): botocore would send each call to the first handler registered.
    previous = getattr(session, "_pms_backup_answer", None)
    for operation in ("ListBackupSelections", "GetBackupSelection", "GetBackupVaultAccessPolicy"):
        if previous is not None:
            session.events.unregister(f"before-call.backup.{operation}", previous)
        session.events.register_last(f"before-call.backup.{operation}", answer)
    session._pms_backup_answer = answer
    return answered


def answer_declared(session: Any, *states: Any) -> list[str]:
    """Answer with what ``state`` (a parsed state document, e.g. an emulated account's realized one) declares and
    moto could not create: each aws:backup/selection:Selection under its ``planId``, each
    aws:backup/vaultPolicy:VaultPolicy under its ``backupVaultName``. For a suite-wide fixture: an emulated
    account then reads back the selections and vault policies its program declared."""
    import json

    from pms_baseline_pack import tokens as t

    selections: dict[str, list[dict[str, Any]]] = {}
    declared = [r for state in states for r in state.resources]
    for r in (r for r in declared if r.type == t.BACKUP_SELECTION):
        p = r.props
        tags = {x.get("key"): x.get("value") for x in p.get("selectionTags") or [] if isinstance(x, dict)}
        selections.setdefault(str(p.get("planId")), []).append(
            selection(str(p.get("name") or r.name), p.get("resources") or [], tags, p.get("notResources") or [],
                      r.id or ""))
    policies = {}
    for r in (r for r in declared if r.type == t.BACKUP_VAULT_POLICY):
        policy = r.props.get("policy")
        policies[str(r.props.get("backupVaultName"))] = policy if isinstance(policy, str) else json.dumps(policy)
    return answer_backup(session, selections, policies)
