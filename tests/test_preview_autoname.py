"""The offline preview autonames every resource the AWS provider autonames, with names a real preview would know.

Which input the provider autonames is derived from the pulumi-aws SDK and committed as
``pms_baseline/autonamed.json``; the slow test regenerates it and compares, so an SDK upgrade that changes the set
fails here until ``python -m pms_baseline.mockcloud --write-autonamed`` is run.
"""

import re

import pytest

from pms_baseline import mockcloud
from pms_baseline.preview import preview
from tests.helpers import PROGRAMS

ACCOUNT, REGION = mockcloud.DEFAULT_ACCOUNT, mockcloud.DEFAULT_REGION


def urn(token: str, name: str) -> str:
    return f"urn:pulumi:dev::names::{token}::{name}"


def outputs(token: str, logical: str = "clinic-files", **inputs) -> dict:
    return mockcloud.resource_outputs(token, logical, urn(token, logical), inputs, ACCOUNT, REGION)[1]


@pytest.mark.slow
def test_the_committed_autoname_table_is_what_the_installed_sdk_derives():
    derived = mockcloud.derive_autonamed()
    assert mockcloud.autonamed() == derived, "run: python -m pms_baseline.mockcloud --write-autonamed"


def test_the_table_covers_the_provider_rule_and_its_exceptions():
    table = mockcloud.autonamed()
    # `name` for every resource that takes it as an optional input (the provider's setAutonaming) ...
    assert table["aws:redshift/subnetGroup:SubnetGroup"] == "name"
    assert table["aws:iam/role:Role"] == "name"
    # ... a name and its prefix where Terraform names the resource another way ...
    assert table["aws:s3/bucket:Bucket"] == "bucket"
    assert table["aws:rds/instance:Instance"] == "identifier"
    # ... and the provider's own exceptions, which no SDK signature reveals.
    assert table["aws:elasticache/cluster:Cluster"] == "clusterId"
    assert table["aws:cloudwatch/eventTarget:EventTarget"] == "targetId"
    # route53.Record opts out: its name is the DNS name; a resource with no naming input has no entry.
    assert "aws:route53/record:Record" not in table
    assert "aws:ec2/vpc:Vpc" not in table
    assert len(table) > 600


def test_every_autonamed_type_gets_a_deterministic_name_when_the_program_gives_none():
    unnamed = [token for token, key in mockcloud.autonamed().items() if not outputs(token).get(key)]
    assert unnamed == []
    again = {token: outputs(token)[key] for token, key in mockcloud.autonamed().items()}
    assert again == {token: outputs(token)[key] for token, key in mockcloud.autonamed().items()}


def test_a_given_name_or_prefix_is_kept():
    assert outputs("aws:redshift/subnetGroup:SubnetGroup", name="analytics")["name"] == "analytics"
    assert outputs("aws:redshift/subnetGroup:SubnetGroup", name="")["name"].startswith("clinic-files-")
    assert re.fullmatch(r"tmp-[0-9a-f]{7}", outputs("aws:iam/role:Role", namePrefix="tmp-")["name"])


@pytest.mark.parametrize("token, inputs, expected", [
    ("aws:redshift/subnetGroup:SubnetGroup", {}, r"Clinic-Files-[0-9a-f]{7}"),
    ("aws:s3/bucket:Bucket", {}, r"clinic-files-[0-9a-f]{7}"),
    ("aws:elasticache/cluster:Cluster", {}, r"clinic-files-[0-9a-f]{7}"),
    ("aws:sqs/queue:Queue", {"fifoQueue": True}, r"Clinic-Files-[0-9a-f]{7}\.fifo"),
    ("aws:kms/alias:Alias", {}, r"alias/Clinic-Files-[0-9a-f]{7}"),
    ("aws:glue/catalogDatabase:CatalogDatabase", {}, r"clinic-files_[a-p]{8}"),
    ("aws:s3/bucketObjectv2:BucketObjectv2", {}, r"Clinic-Files"),
])
def test_names_take_the_shape_the_provider_gives_them(token, inputs, expected):
    key = mockcloud.autonamed()[token]
    assert re.fullmatch(expected, outputs(token, "Clinic-Files", **inputs)[key])


def test_a_name_past_the_limit_is_cut_before_its_random_suffix():
    name = outputs("aws:lb/targetGroup:TargetGroup", "patient-portal-blue-green-target-group")["name"]
    assert re.fullmatch(r"patient-portal-blue-green[0-9a-f]{7}", name) and len(name) == 32


def resources(doc: dict) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("created", "modified")} for r in doc["deployment"]["resources"]]


def test_the_redshift_subnet_group_has_a_name_in_the_preview_and_the_cluster_uses_it():
    doc = preview(PROGRAMS / "redshift", "dev").document
    by_name = {r["urn"].split("::")[-1]: r for r in doc["deployment"]["resources"]}
    group = by_name["analytics-subnets"]["outputs"]["name"]
    assert re.fullmatch(r"analytics-subnets-[0-9a-f]{7}", group)
    assert by_name["warehouse"]["inputs"]["clusterSubnetGroupName"] == group
    assert resources(preview(PROGRAMS / "redshift", "dev").document) == resources(doc)
