"""DMS replication instances read live: public accessibility under dms-replication-instance-not-public, and drift
against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "dms-replication-instance-not-public"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def replication_instance(account, name="claims-migration", public=False):
    return account.client("dms").create_replication_instance(
        ReplicationInstanceIdentifier=name, ReplicationInstanceClass="dms.t3.micro", PubliclyAccessible=public,
    )["ReplicationInstance"]


def exercise(account):
    """One private replication instance: verify lists it (dms:DescribeReplicationInstances)."""
    return replication_instance(account)


def test_a_private_replication_instance_passes(account):
    replication_instance(account)
    assert findings(account, RULE) == []


def test_a_public_replication_instance_is_a_finding(account):
    replication_instance(account, public=True)
    assert findings(account, RULE) == [(
        "claims-migration", R + "replication instance claims-migration: publiclyAccessible is true, so the "
        "replication instance gets a public IP address (AWS's default when unset); set publicly_accessible=False "
        "(164.312(a)(1))")]


def test_a_public_replication_instance_is_drift_from_a_private_one(account):
    ri = replication_instance(account, public=True)
    state = state_of(resource(t.DMS_REPLICATION_INSTANCE, "claims-migration", "claims-migration",
                              replicationInstanceId="claims-migration", publiclyAccessible=False,
                              replicationInstanceArn=ri["ReplicationInstanceArn"]))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-migration", "claims-migration: publiclyAccessible is True in the account, False in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_replication_instance_is_missing(account):
    state = state_of(resource(t.DMS_REPLICATION_INSTANCE, "claims-migration", "claims-migration",
                              publiclyAccessible=False))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-migration"]
