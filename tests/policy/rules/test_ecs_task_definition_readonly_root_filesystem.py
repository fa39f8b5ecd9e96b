import json

import pytest

from pms_baseline_pack.rules.ecs.ecs_task_definition_readonly_root_filesystem import check as rule

# The shape of the ECS Fargate example workload: awsvpc, a non-root user, a read-only root file system.
FARGATE = {"networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": json.dumps([
    {"name": "pms-api", "image": "pms/api:1.4", "user": "10001", "readonlyRootFilesystem": True, "essential": True},
])}


def message(name, value):
    return (f"container {name}: readonlyRootFilesystem is {value}, so a compromised process can alter the "
            "container's files; set \"readonlyRootFilesystem\": true (164.312(c)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(FARGATE, [], id="pass-fargate-workload"),
        pytest.param(
            {"containerDefinitions": json.dumps([{"name": "api", "readonlyRootFilesystem": True},
                                                 {"name": "sidecar", "readonlyRootFilesystem": False},
                                                 {"name": "init"}])},
            [message("sidecar", "false"), message("init", "unset")],
            id="fail-writable-and-unset",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
