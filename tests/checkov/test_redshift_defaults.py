"""A Redshift cluster that leaves its settings to pulumi-aws v7's defaults: the offline preview records them as
`pulumi up` would (encrypted "true", not public, version upgrades allowed, one day of snapshots), so the pack and
checkov judge the same values; and checkov's CKV_AWS_71, which reads the logging block v7 no longer has, is
skipped with its reason while the pack's redshift-cluster-audit-logging-enabled judges audit logging."""

import pulumi_aws as aws
import pytest

from pms_baseline.checkov_bridge import scan
from pms_baseline.checkov_policy import SKIPS
from pms_baseline.gate import run_gate
from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document


def defaults_only():
    aws.redshift.Cluster("warehouse", cluster_identifier="pms-warehouse", node_type="ra3.xlplus",
                         cluster_type="single-node", master_username="warehouse_admin", manage_master_password=True)


@pytest.fixture(scope="module")
def state():
    return parse_document(preview_function(defaults_only))


def test_the_preview_records_the_providers_defaults(state):
    (cluster,) = [r for r in state.resources if r.type == "aws:redshift/cluster:Cluster"]
    assert {k: cluster.outputs[k] for k in ("encrypted", "publiclyAccessible", "allowVersionUpgrade",
                                            "automatedSnapshotRetentionPeriod")} == {
        "encrypted": "true", "publiclyAccessible": False, "allowVersionUpgrade": True,
        "automatedSnapshotRetentionPeriod": 1}


@pytest.mark.slow
def test_checkov_agrees_with_the_pack_on_the_defaults(state):
    run = scan(state)
    by_check = {r.check_id: r for r in run.results if r.address == "aws_redshift_cluster.warehouse"}
    assert by_check["CKV_AWS_64"].result == "passed"  # encrypted "true" is recorded
    assert by_check["CKV_AWS_87"].result == "passed"
    assert (by_check["CKV_AWS_71"].result, by_check["CKV_AWS_71"].skip_reason) == ("skipped",
                                                                                   SKIPS["CKV_AWS_71"].reason)
    pack = {f.rule for f in run_gate(state, checkov=False).findings}
    assert {"redshift-cluster-encrypted", "redshift-cluster-not-publicly-accessible",
            "redshift-cluster-version-upgrade-allowed", "redshift-cluster-automated-snapshots-enabled"} & pack == set()
    assert "redshift-cluster-audit-logging-enabled" in pack
