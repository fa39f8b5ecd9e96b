"""CodeBuild projects read live: no AWS keys in plaintext environment variables
(codebuild-project-no-plaintext-aws-credentials) and no credentials in a source repository URL
(codebuild-project-source-url-no-credentials), with the project's settings compared with the state.

https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ListProjects.html
https://docs.aws.amazon.com/codebuild/latest/APIReference/API_BatchGetProjects.html (up to 100 names a call;
environment.environmentVariables[] name, value, type PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER; source and
secondarySources[] type and location)

An environment variable's value is never kept: no rule reads it and a PLAINTEXT one may be a key. A source
location is kept for the URL rule, whose message does not quote it, and is never compared by drift. Projects of a
batch whose BatchGetProjects call fails are unreadable, so no rule judges them.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

BATCH = 100


@collector("codebuild")
def collect(live, inv: Inventory) -> None:
    cb = live.client("codebuild", inv.region)
    names = inv.read(lambda: list(live.pages(cb, "list_projects", "projects")))
    inv.complete = readable(names)
    projects = []
    for start in range(0, len(names) if readable(names) else 0, BATCH):
        batch = names[start:start + BATCH]
        found = inv.read(lambda batch=batch: {
            p["name"]: p for p in live.call(cb, "batch_get_projects", names=batch).get("projects") or []})
        projects += [{"Name": n, "Project": found.get(n, UNREADABLE) if readable(found) else UNREADABLE}
                     for n in batch]
    inv.items["projects"] = projects


def _source(s: dict | None) -> dict | None:
    if not s:
        return None
    return {"type": s.get("type"), "location": s.get("location"), "sourceIdentifier": s.get("sourceIdentifier"),
            "gitCloneDepth": s.get("gitCloneDepth")}


def project_props(item: dict) -> dict:
    """A project's description in the engine's property names (without environment variables' values)."""
    p = item["Project"]
    if not readable(p):
        return {"name": item["Name"], "environment": UNREADABLE, "source": UNREADABLE}
    env = p.get("environment") or {}
    return {
        "name": p.get("name"),
        "arn": p.get("arn"),
        "serviceRole": p.get("serviceRole"),
        "encryptionKey": p.get("encryptionKey"),
        "environment": {
            "type": env.get("type"),
            "image": env.get("image"),
            "computeType": env.get("computeType"),
            "privilegedMode": env.get("privilegedMode"),
            "environmentVariables": [{"name": v.get("name"), "type": v.get("type")}
                                     for v in env.get("environmentVariables") or []],
        },
        "source": _source(p.get("source")),
        "secondarySources": [_source(s) for s in p.get("secondarySources") or []],
    }


reader(
    t.CODEBUILD_PROJECT, "codebuild", "projects", "project",
    name=lambda item: item["Name"],
    ids=lambda item: (item["Name"], item["Project"].get("arn") if readable(item["Project"]) else None),
    props=project_props,
    rules=("codebuild-project-no-plaintext-aws-credentials", "codebuild-project-source-url-no-credentials"),
    compare=("environment.type", "environment.computeType", "environment.privilegedMode", "source.type"),
)
