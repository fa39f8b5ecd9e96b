"""ECS task definitions read live: host network mode containers run as a non-root user and root file systems are
read-only, under the pre-deploy rules' ids, and drift of the task definition against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

HOST_MODE = "ecs-task-definition-host-mode-nonroot-user"
READ_ONLY = "ecs-task-definition-readonly-root-filesystem"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def task_definition(account, mode="awsvpc", user="1000", read_only=True):
    container = {"name": "claims-api", "image": "claims:1", "memory": 512, "readonlyRootFilesystem": read_only}
    if user is not None:
        container["user"] = user
    return account.client("ecs").register_task_definition(
        family="claims-api", networkMode=mode, containerDefinitions=[container], cpu="256", memory="512",
    )["taskDefinition"]


def exercise(account):
    """One task definition: verify lists and describes it (ecs:ListTaskDefinitions, DescribeTaskDefinition)."""
    return task_definition(account)


def test_a_host_mode_container_with_a_user_passes(account):
    task_definition(account, mode="host")
    assert findings(account, HOST_MODE) == []


def test_a_host_mode_container_running_as_root_is_a_finding(account):
    task_definition(account, mode="host", user=None)
    assert findings(account, HOST_MODE) == [(
        "claims-api:1", R + "task definition claims-api:1: container claims-api: user is unset in host network "
        "mode, so a root process shares the host's network stack; set \"user\" to a non-root user "
        "(164.312(a)(1))")]


def test_a_read_only_root_file_system_passes(account):
    task_definition(account)
    assert findings(account, READ_ONLY) == []


def test_a_writable_root_file_system_is_a_finding(account):
    task_definition(account, read_only=False)
    assert findings(account, READ_ONLY) == [(
        "claims-api:1", R + "task definition claims-api:1: container claims-api: readonlyRootFilesystem is "
        "false, so a compromised process can alter the container's files; set \"readonlyRootFilesystem\": true "
        "(164.312(c)(1))")]


def test_a_new_revision_in_host_mode_is_drift_of_the_family(account):
    task_definition(account)
    task_definition(account, mode="host")
    state = state_of(resource(t.ECS_TASK_DEFINITION, "claims-api", "claims-api", family="claims-api",
                              networkMode="awsvpc", cpu="256", memory="512"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-api", "claims-api: networkMode is 'host' in the account, 'awsvpc' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deregistered_task_definition_is_missing(account):
    state = state_of(resource(t.ECS_TASK_DEFINITION, "claims-api", "claims-api", family="claims-api"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-api"]


def test_a_task_definition_that_cannot_be_described_is_not_judged(account):
    task_definition(account, mode="host", user=None, read_only=False)
    deny(account.session, "ecs", "DescribeTaskDefinition")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f.message for f in result.findings if f.rule in (HOST_MODE, READ_ONLY)] == []
    assert [f.message for f in result.findings if f.rule == "live-api-access-denied"] == [
        denied("ecs:DescribeTaskDefinition")]


def test_a_denied_listing_reports_no_missing_task_definition(account):
    deny(account.session, "ecs", "ListTaskDefinitions")
    state = state_of(resource(t.ECS_TASK_DEFINITION, "claims-api", "claims-api", family="claims-api"))
    assert findings(account, "live-resource-missing", state) == []
