"""SealedTestEnvironment and the test stack: no network, data or key path to production."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from pms_baseline.preview import preview, preview_function
from pms_baseline.state import parse_document
from pms_baseline_infra.components.sealed_test import (
    SealedTestEnvironment,
    SealedTestEnvironmentArgs,
    boundary_document,
)
from pms_baseline_infra.config import parse_settings
from pms_baseline_pack import tokens as t

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = (
    t.VPC_PEERING_CONNECTION,
    t.VPC_PEERING_CONNECTION_ACCEPTER,
    t.INTERNET_GATEWAY,
    t.INTERNET_GATEWAY_ATTACHMENT,
    t.NAT_GATEWAY,
    t.TRANSIT_GATEWAY_VPC_ATTACHMENT,
    t.VPN_GATEWAY,
    t.VPN_CONNECTION,
    t.VPN_GATEWAY_ATTACHMENT,
    t.EGRESS_ONLY_INTERNET_GATEWAY,
)


def stack_config(stack: str) -> dict:
    return yaml.safe_load((ROOT / "stacks" / f"Pulumi.{stack}.yaml").read_text())["config"]


def prod_identifiers() -> set[str]:
    cfg = stack_config("prod")
    return {
        str(cfg["pms-baseline:accountId"]),
        cfg["pms-baseline:vpcCidr"],
        cfg["pms-baseline:certificateArn"],
    }


@pytest.fixture(scope="module")
def doc():
    return parse_document(preview(ROOT, "test").document)


def test_sealed_component_present(doc):
    assert len(doc.of_type("pms:isolation:SealedTestEnvironment")) == 1


@pytest.mark.parametrize("token", FORBIDDEN)
def test_no_path_out(doc, token):
    assert doc.of_type(token) == []


def test_no_snapshot_restore(doc):
    db = doc.of_type(t.RDS_INSTANCE)
    assert len(db) == 1 and not db[0].props.get("snapshotIdentifier")
    assert "restoreToPointInTime" not in db[0].props and "s3Import" not in db[0].props


def test_database_synthetic_tag(doc):
    assert doc.of_type(t.RDS_INSTANCE)[0].props["tags"]["data-classification"] == "synthetic"


def boundary(doc) -> dict:
    (policy,) = [p for p in doc.of_type(t.IAM_POLICY) if p.name == "pms-test-boundary"]
    return json.loads(policy.props["policy"])


def test_boundary_denies_prod_tagged(doc):
    s = {x["Sid"]: x for x in boundary(doc)["Statement"]}["DenyProductionTaggedResources"]
    assert (s["Effect"], s["Action"], s["Condition"]) == (
        "Deny",
        "*",
        {"StringEquals": {"aws:ResourceTag/environment": "prod"}},
    )


def test_boundary_denies_prod_account(doc):
    s = {x["Sid"]: x for x in boundary(doc)["Statement"]}["DenyProductionAccounts"]
    assert s["Effect"] == "Deny" and s["Condition"] == {
        "StringEquals": {"aws:ResourceAccount": ["210987654321"]}
    }


def test_boundary_denies_named_prod_resources():
    key = "arn:aws:kms:us-east-1:210987654321:key/abc"
    s = {x["Sid"]: x for x in boundary_document([key, "vpc-0prod"])["Statement"]}["DenyProductionResources"]
    assert s["Resource"] == ["arn:aws:ec2:*:*:vpc/vpc-0prod", key]


def test_no_production_identifier_outside_the_boundary_denies(doc):
    """A production identifier may appear only in the boundary's Deny statements, which exist to name it."""
    ids = prod_identifiers()
    policy_urn = doc.of_type(t.IAM_POLICY)[0].urn
    for r in doc.resources:
        text = json.dumps(r.inputs) + json.dumps(r.outputs)
        if r.urn == policy_urn:
            allowed = [s for s in boundary(doc)["Statement"] if s["Effect"] == "Allow"]
            text = json.dumps(allowed)
        for ident in ids:
            assert ident not in text, f"{r.urn} names production identifier {ident}"


def test_keyring_policies_name_only_test_principals(doc):
    test_account = str(stack_config("test")["pms-baseline:accountId"])
    keys = doc.of_type(t.KMS_KEY)
    assert keys
    for key in keys:
        for statement in json.loads(key.props["policy"])["Statement"]:
            principal = statement.get("Principal", {})
            aws = principal.get("AWS", []) if isinstance(principal, dict) else principal
            for arn in [aws] if isinstance(aws, str) else aws:
                assert f":{test_account}:" in arn or arn == test_account, (key.name, arn)


def test_settings_refuse_snapshot():
    cfg = {**stack_config("test"), "pms-baseline:dbSnapshotIdentifier": "pms-prod-2026-11-01"}
    with pytest.raises(ValueError, match="dbSnapshotIdentifier"):
        parse_settings(cfg, "test")


def test_settings_refuse_peering():
    cfg = {**stack_config("test"), "pms-baseline:peerVpcId": "vpc-0prod"}
    with pytest.raises(ValueError, match="peerVpcId"):
        parse_settings(cfg, "test")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"db_snapshot_identifier": "pms-prod-2026-11-01"},
            "dbSnapshotIdentifier is 'pms-prod-2026-11-01'; a test database is created empty",
        ),
        ({"peer_vpc_id": "vpc-0prod"}, "peerVpcId is 'vpc-0prod'; a sealed test VPC is never peered"),
        ({"environment": "prod"}, "environment is 'prod'; a SealedTestEnvironment is only for 'test' stacks"),
    ],
)
def test_component_refuses(change, message):
    settings = replace(parse_settings(stack_config("test"), "test"), **change)
    # Under the mocks: a component built outside a Pulumi run leaves the runtime unusable.
    with pytest.raises(ValueError) as err:
        preview_function(
            lambda: SealedTestEnvironment("pms", SealedTestEnvironmentArgs(settings=settings, keyring=None,
                                                                        boundary=None)),
            stack="test",
        )
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(("stack", "message"), [
    ("from-prod-snapshot", "pms-baseline:dbSnapshotIdentifier=arn:aws:rds:us-east-1:210987654321:snapshot:"
                           "pms-prod-2026-11-28 is refused: a test environment's database is created empty"),
    ("peered-with-prod", "pms-baseline:peerVpcId=vpc-0a1b2c3d4e5f60789 is refused: a test environment has no "
                         "peering connection"),
])
def test_a_program_that_unseals_a_test_environment_fails_validation(stack, message):
    """tests/programs/unsealed is the baseline program with stack files that restore a production snapshot or
    peer with production: the preview stops with one line naming the setting, exit 2."""
    import subprocess
    import sys

    from tests.helpers import REPO_ROOT

    proc = subprocess.run([sys.executable, "-m", "pms_baseline.cli", "preview", "--program",
                           "tests/programs/unsealed", "--stack", stack], cwd=REPO_ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert proc.stdout == ""


def test_every_role_depends_on_the_boundary_it_names(doc):
    """Issue 14, point 4: IAM answers NoSuchEntity to a role whose boundary does not exist yet, so every role takes
    the boundary policy's ARN as an input (a dependency the engine orders by) instead of a string."""
    (policy,) = [p for p in doc.of_type(t.IAM_POLICY) if p.name == "pms-test-boundary"]
    roles = doc.of_type(t.IAM_ROLE)
    assert roles
    for role in roles:
        assert role.props["permissionsBoundary"] == policy.outputs["arn"], role.name
        assert policy.urn in role.dependencies, role.name
        assert role.property_dependencies.get("permissionsBoundary") == [policy.urn], role.name
