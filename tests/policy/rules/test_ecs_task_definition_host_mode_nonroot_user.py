import json

import pytest

from pms_baseline_pack.rules.ecs.ecs_task_definition_host_mode_nonroot_user import check as rule


def task(mode, *containers):
    return {"networkMode": mode, "containerDefinitions": json.dumps(list(containers))}


def message(name, user):
    return (f"container {name}: user is {user} in host network mode, so a root process shares the host's network "
            "stack; set \"user\" to a non-root user (164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(task("awsvpc", {"name": "pms-api", "user": "10001", "readonlyRootFilesystem": True}), [],
                     id="pass-fargate-awsvpc"),
        pytest.param(task("awsvpc", {"name": "api"}), [], id="pass-not-host-mode"),
        pytest.param(task("host", {"name": "agent", "user": "nobody:nogroup"}), [], id="pass-host-nonroot"),
        pytest.param(task("host", {"name": "agent", "privileged": True}), [], id="pass-host-privileged-per-aws"),
        pytest.param(
            task("host", {"name": "a"}, {"name": "b", "user": "root"}, {"name": "c", "user": "0:0"}),
            [message("a", "unset"), message("b", "root"), message("c", "0:0")],
            id="fail-host-root",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
