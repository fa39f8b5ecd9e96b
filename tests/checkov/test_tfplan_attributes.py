"""The converted plan of one resource of each kind: attribute names and shapes, references, dependencies, header."""

import json

import pytest

from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from pms_baseline.tfplan import PROVIDER_NAME, TERRAFORM_VERSION, convert
from tests.checkov.expected_plan import EXPECTED_REFERENCES, EXPECTED_VALUES
from tests.checkov.plans import configured, planned, resource_change
from tests.checkov.programs import every_type


@pytest.fixture(scope="module")
def plan():
    return convert(parse_document(preview_function(every_type)))


def test_every_resource_is_converted(plan):
    assert sorted(plan.resources) == sorted(EXPECTED_VALUES)
    assert plan.skipped == []


@pytest.mark.parametrize("address", sorted(EXPECTED_VALUES))
def test_values_use_terraform_names_and_shapes(plan, address):
    resource = planned(plan, address)
    tf_type, name = address.split(".")
    assert (resource["type"], resource["name"], resource["mode"]) == (tf_type, name, "managed")
    assert resource["provider_name"] == PROVIDER_NAME
    values = resource["values"]
    assert {k: values.get(k) for k in EXPECTED_VALUES[address]} == EXPECTED_VALUES[address]
    assert all(k == k.lower() for k in values), sorted(values)


@pytest.mark.parametrize("address", sorted(EXPECTED_REFERENCES))
def test_outputs_of_other_resources_are_references(plan, address):
    expressions = configured(plan, address)["expressions"]
    change = resource_change(plan, address)
    for attribute, reference in EXPECTED_REFERENCES[address].items():
        assert expressions[attribute]["references"][:2] == [reference, reference.rsplit(".", 1)[0]]
        assert attribute not in planned(plan, address)["values"] or planned(plan, address)["values"][
            attribute
        ] == [None]
        assert change["after_unknown"][attribute] in (True, [True])


def test_nested_block_reference(plan):
    expressions = configured(plan, "aws_s3_bucket_server_side_encryption_configuration.phi_sse")[
        "expressions"
    ]
    assert expressions["rule"] == [
        {
            "apply_server_side_encryption_by_default": [
                {"kms_master_key_id": {"references": ["aws_kms_key.data_key.arn", "aws_kms_key.data_key"]}}
            ]
        }
    ]
    assert resource_change(plan, "aws_s3_bucket_server_side_encryption_configuration.phi_sse")["after_unknown"][
        "rule"
    ] == [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": True}]}]


def test_value_built_from_an_output_keeps_its_value_and_names_the_reference(plan):
    policy = planned(plan, "aws_s3_bucket_policy.phi_policy")["values"]["policy"]
    assert json.loads(policy)["Statement"][0]["Resource"] == [
        "arn:aws:s3:::pms-phi-bucket",
        "arn:aws:s3:::pms-phi-bucket/*",
    ]
    assert configured(plan, "aws_s3_bucket_policy.phi_policy")["expressions"]["policy"] == {
        "references": ["aws_s3_bucket.phi.arn", "aws_s3_bucket.phi"]
    }


def test_explicit_depends_on(plan):
    assert configured(plan, "aws_config_delivery_channel.channel")["depends_on"] == [
        "aws_config_configuration_recorder.recorder"
    ]
    assert "depends_on" not in configured(plan, "aws_s3_bucket_public_access_block.phi_pab")


def test_plan_header(plan):
    doc = plan.document
    assert doc["format_version"] == "1.2"
    assert doc["terraform_version"] == TERRAFORM_VERSION
    assert doc["configuration"]["provider_config"]["aws"]["full_name"] == PROVIDER_NAME
    assert {c["change"]["actions"][0] for c in doc["resource_changes"]} == {"create"}
    assert planned(plan, "aws_db_instance.phi_db")["schema_version"] == 2
