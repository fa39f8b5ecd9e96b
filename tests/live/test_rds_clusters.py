"""RDS and Aurora clusters read live: deletion protection and Multi-AZ under the pre-deploy rules' ids, and the
cluster's settings compared with the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def cluster(account, name, protected=True, zones=("us-east-1a", "us-east-1b")):
    rds = account.client("rds")
    rds.create_db_cluster(DBClusterIdentifier=name, Engine="aurora-postgresql", MasterUsername="pms",
                          MasterUserPassword="correct-horse-battery", DeletionProtection=protected,
                          StorageEncrypted=True, Tags=[{"Key": "environment", "Value": "prod"}])
    for n, zone in enumerate(zones):
        rds.create_db_instance(DBInstanceIdentifier=f"{name}-{n}", DBClusterIdentifier=name,
                               Engine="aurora-postgresql", DBInstanceClass="db.r6g.large", AvailabilityZone=zone)


def test_a_protected_cluster_passes(account):
    cluster(account, "claims")
    assert findings(account, "rds-cluster-deletion-protection-enabled") == []


def test_an_unprotected_cluster_is_a_finding(account):
    cluster(account, "claims", protected=False)
    assert findings(account, "rds-cluster-deletion-protection-enabled") == [(
        "claims", R + "cluster claims: deletionProtection is false; set deletion_protection=True so the cluster "
        "cannot be destroyed by one command (164.312(c)(1))")]


def test_a_cluster_with_instances_in_two_zones_passes(account):
    cluster(account, "claims")
    assert findings(account, "rds-cluster-multi-az-enabled") == []


def test_a_prod_cluster_with_one_instance_is_a_finding(account):
    cluster(account, "claims", zones=("us-east-1a",))
    assert findings(account, "rds-cluster-multi-az-enabled") == [(
        "claims", R + "DB cluster claims runs in one availability zone (it has 1 DB instance); add a reader "
        "aws.rds.ClusterInstance in another zone so the cluster survives the loss of a zone (164.308(a)(7)(ii)(B))")]


def test_deletion_protection_turned_off_is_drift(account):
    cluster(account, "claims", protected=False)
    state = state_of(resource(t.RDS_CLUSTER, "claims", "claims", clusterIdentifier="claims",
                              deletionProtection=True, storageEncrypted=True))
    assert findings(account, "live-setting-drift", state) == [
        ("claims", "claims: deletionProtection is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_cluster_is_missing(account):
    state = state_of(resource(t.RDS_CLUSTER, "claims", "claims", clusterIdentifier="claims"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims"]
