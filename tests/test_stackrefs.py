"""StackReferences under the offline preview: answered from a state file the stack config names, or from the
referenced stack's own offline preview; an unknown project and a cycle are input errors."""

import json
import re

import pytest

from pms_baseline.errors import InputError
from pms_baseline.preview import preview
from pms_baseline.state import SECRET_SIG, SIG_KEY

PROGRAM = '''
import pulumi
import pulumi_aws as aws

ref = pulumi.StackReference("upstream", pulumi.Config().require("upstream"))
topic = aws.sns.Topic("alarms", kms_master_key_id=ref.require_output("keyArn"))
pulumi.export("keyArn", pulumi.Output.secret("arn:aws:kms:us-east-1:111122223333:key/k"))
pulumi.export("topicKey", topic.kms_master_key_id)
'''


def project(tmp_path, stacks):
    (tmp_path / "Pulumi.yaml").write_text("name: refs\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(PROGRAM)
    for name, config in stacks.items():
        (tmp_path / f"Pulumi.{name}.yaml").write_text(json.dumps({"config": config}))
    return tmp_path


def export(outputs):
    return {"version": 3, "deployment": {"resources": [
        {"urn": "urn:pulumi:up::other::pulumi:pulumi:Stack::other-up", "custom": False, "type": "pulumi:pulumi:Stack",
         "outputs": outputs}]}}


def resources(doc, type_):
    return [r for r in doc["deployment"]["resources"] if r["type"] == type_]


def test_a_reference_named_in_config_reads_the_state_files_root_outputs(tmp_path):
    (tmp_path / "up.json").write_text(json.dumps(export({"keyArn": "arn:aws:kms:us-east-1:111122223333:key/u"})))
    root = project(tmp_path, {"dev": {"refs:upstream": "acme/other/up",
                                      "pms-baseline:stackReferenceStates": {"acme/other/up": "up.json"}}})
    doc = preview(root, "dev").document
    (topic,) = resources(doc, "aws:sns/topic:Topic")
    assert topic["inputs"]["kmsMasterKeyId"] == "arn:aws:kms:us-east-1:111122223333:key/u"
    (ref,) = resources(doc, "pulumi:pulumi:StackReference")
    assert ref["outputs"]["outputs"] == {"keyArn": "arn:aws:kms:us-east-1:111122223333:key/u"}
    assert ref["outputs"]["secretOutputNames"] == []


def test_a_reference_to_a_stack_of_the_same_project_reads_its_offline_preview(tmp_path):
    (tmp_path / "up.json").write_text(json.dumps(export({"keyArn": "arn:aws:kms:us-east-1:111122223333:key/u"})))
    states = {"pms-baseline:stackReferenceStates": {"acme/other/up": "up.json"}}
    root = project(tmp_path, {"up": {"refs:upstream": "acme/other/up", **states},
                              "down": {"refs:upstream": "refs/up"}})
    doc = preview(root, "down").document
    (topic,) = resources(doc, "aws:sns/topic:Topic")
    # The referenced stack's keyArn is a secret: the program sees the opaque stand-in, the state keeps it secret.
    assert topic["inputs"]["kmsMasterKeyId"][SIG_KEY] == SECRET_SIG
    (ref,) = resources(doc, "pulumi:pulumi:StackReference")
    assert ref["outputs"]["secretOutputNames"] == ["keyArn"]


@pytest.mark.parametrize("stacks, stack, message", [
    pytest.param({"dev": {"refs:upstream": "acme/elsewhere/up"}}, "dev",
                 "project elsewhere is neither this project (refs) nor the bundled pms-baseline",
                 id="unknown-project"),
    pytest.param({"a": {"refs:upstream": "refs/b"}, "b": {"refs:upstream": "refs/a"}}, "a",
                 "the stacks reference each other in a cycle", id="cycle"),
    pytest.param({"dev": {"refs:upstream": "x", "pms-baseline:stackReferenceStates": ["x"]}}, "dev",
                 "must map stack reference names to state files", id="bad-map"),
])
def test_references_the_preview_cannot_answer_are_input_errors(tmp_path, stacks, stack, message):
    with pytest.raises(InputError, match=re.escape(message)):
        preview(project(tmp_path, stacks), stack)
