"""ECS task definitions in host network mode do not run containers as root.

AWS Config ``ecs-task-definition-user-for-host-mode-check``: NON_COMPLIANT when a task definition with
networkMode host has a container with privileged false (or absent) and user root (or absent); a privileged
container passes this row (ecs-containers-nonprivileged judges privilege):
https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-user-for-host-mode-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.ecs.containers import containers, label
from pms_baseline_pack.rules.props import shown


def _root(user) -> bool:
    # user is "name", "uid", "name:group" or "uid:gid"; root is name root or uid 0.
    return not isinstance(user, str) or not user.strip() or user.split(":", 1)[0].strip() in ("root", "0")


@resource_rule(
    id="ecs-task-definition-host-mode-nonroot-user",
    title="ECS containers in host network mode run as a non-root user",
    severity="high",
    citations=("164.312(a)(1)",),
    resource_types=(t.ECS_TASK_DEFINITION,),
    remediation="Set \"user\" to a non-root user in every container definition, or use networkMode awsvpc.",
    aws_config_rules=("ecs-task-definition-user-for-host-mode-check",),
)
def check(props, config):
    """With networkMode host, each container has privileged true or a user that is not root."""
    mode = props.get("networkMode")
    if is_opaque(mode) or mode != "host":
        return []
    return [
        f"container {label(c, i)}: user is {shown(c.get('user'))} in host network mode, so a root process shares "
        "the host's network stack; set \"user\" to a non-root user (164.312(a)(1))"
        for i, c in enumerate(containers(props))
        if c.get("privileged") is not True and _root(c.get("user"))
    ]
