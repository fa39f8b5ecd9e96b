"""ECS task definitions read live: containers in host network mode run as a non-root user
(ecs-task-definition-host-mode-nonroot-user) and every container's root file system is read-only
(ecs-task-definition-readonly-root-filesystem), with the task definition's settings compared with the state.

https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTaskDefinitions.html (status ACTIVE: every
revision still usable to run a task; INACTIVE revisions cannot start new tasks)
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html (networkMode,
containerDefinitions[].user, privileged, readonlyRootFilesystem: the same camelCase names the state's
containerDefinitions JSON text holds, so the description is given to the rules as that text)

A revision whose description cannot be read has its containerDefinitions unreadable, so no rule judges it. The
state records a task definition by its family (Pulumi's id), which drift matches to the family's latest active
revision.
"""

from __future__ import annotations

import json

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t


def _family_revision(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


@collector("ecs")
def collect(live, inv: Inventory) -> None:
    ecs = live.client("ecs", inv.region)
    arns = inv.read(lambda: list(live.pages(ecs, "list_task_definitions", "taskDefinitionArns", status="ACTIVE")))
    inv.complete = readable(arns)
    inv.items["task_definitions"] = [
        {"Arn": arn, "Name": _family_revision(arn), "Description": inv.read(lambda arn=arn: live.call(
            ecs, "describe_task_definition", taskDefinition=arn)["taskDefinition"])}
        for arn in (arns if readable(arns) else [])
    ]


def task_definition_props(item: dict) -> dict:
    """A task definition revision's description in the engine's property names."""
    d = item["Description"]
    family = item["Name"].rsplit(":", 1)[0]
    if not readable(d):
        return {"family": family, "arn": item["Arn"], "containerDefinitions": UNREADABLE}
    return {
        "family": d.get("family"),
        "arn": d.get("taskDefinitionArn"),
        "revision": d.get("revision"),
        "networkMode": d.get("networkMode"),
        "cpu": d.get("cpu"),
        "memory": d.get("memory"),
        "requiresCompatibilities": d.get("requiresCompatibilities") or [],
        "containerDefinitions": json.dumps(d.get("containerDefinitions") or [], default=str),
        "taskRoleArn": d.get("taskRoleArn"),
        "executionRoleArn": d.get("executionRoleArn"),
    }


reader(
    t.ECS_TASK_DEFINITION, "ecs", "task_definitions", "task definition",
    name=lambda item: item["Name"],
    ids=lambda item: (item["Arn"], item["Name"], item["Name"].rsplit(":", 1)[0]),
    props=task_definition_props,
    rules=("ecs-task-definition-host-mode-nonroot-user", "ecs-task-definition-readonly-root-filesystem"),
    compare=("networkMode", "cpu", "memory"),
)
