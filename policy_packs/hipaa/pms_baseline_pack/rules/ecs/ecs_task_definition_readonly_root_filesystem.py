"""Every container of an ECS task definition has a read-only root file system.

AWS Config ``ecs-containers-readonly-access`` (NON_COMPLIANT when a container definition's readonlyRootFilesystem
is false): https://docs.aws.amazon.com/config/latest/developerguide/ecs-containers-readonly-access.html
Absent is ECS's default, false, a writable root file system, so unset fails too
(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html, readonlyRootFilesystem).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.ecs.containers import containers, label
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="ecs-task-definition-readonly-root-filesystem",
    title="ECS containers have read-only root file systems",
    severity="medium",
    citations=("164.312(c)(1)",),
    resource_types=(t.ECS_TASK_DEFINITION,),
    remediation="Set \"readonlyRootFilesystem\": true in every container definition; mount a volume where the "
    "container must write.",
    aws_config_rules=("ecs-containers-readonly-access",),
    checkov_ids=("CKV_AWS_336",),
)
def check(props, config):
    """containerDefinitions[*].readonlyRootFilesystem is true."""
    return [
        f"container {label(c, i)}: readonlyRootFilesystem is {shown(c.get('readonlyRootFilesystem'))}, so a "
        "compromised process can alter the container's files; set \"readonlyRootFilesystem\": true (164.312(c)(1))"
        for i, c in enumerate(containers(props))
        if c.get("readonlyRootFilesystem") is not True
    ]
