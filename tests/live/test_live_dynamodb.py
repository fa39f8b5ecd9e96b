"""DynamoDB tables read live: point-in-time recovery under dynamodb-table-pitr-enabled, auto scaling of a
provisioned table and its indexes under dynamodb-table-autoscaling-enabled (over Application Auto Scaling's
scalable targets), and drift of a table's settings against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

PITR = "dynamodb-table-pitr-enabled"
SCALING = "dynamodb-table-autoscaling-enabled"
KEYS = {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}
UNITS = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def table(account, name="visits", pitr=True, provisioned=False, index=False):
    ddb = account.client("dynamodb")
    extra = {"BillingMode": "PROVISIONED", "ProvisionedThroughput": UNITS} if provisioned else {
        "BillingMode": "PAY_PER_REQUEST"}
    if index:
        extra["GlobalSecondaryIndexes"] = [{"IndexName": "by-patient", "KeySchema": KEYS["KeySchema"],
                                            "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": UNITS}]
    ddb.create_table(TableName=name, **KEYS, **extra)
    if pitr:
        ddb.update_continuous_backups(TableName=name,
                                      PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    return name


def scale(account, resource_id, kind="table", dimensions=("Read", "Write")):
    aas = account.client("application-autoscaling")
    for d in dimensions:
        aas.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=resource_id, MinCapacity=5,
                                     MaxCapacity=100, ScalableDimension=f"dynamodb:{kind}:{d}CapacityUnits")


def exercise(account):
    """A provisioned table with point-in-time recovery and a scalable target for its reads and writes
    (dynamodb:ListTables, DescribeTable, DescribeContinuousBackups; application-autoscaling:DescribeScalableTargets)."""
    scale(account, f"table/{table(account, 'scaled-visits', provisioned=True)}")


def test_a_table_with_point_in_time_recovery_passes(account):
    table(account)
    assert findings(account, PITR) == []


def test_a_table_without_point_in_time_recovery_is_a_finding(account):
    table(account, pitr=False)
    assert findings(account, PITR) == [(
        "visits", R + "table visits: pointInTimeRecovery.enabled is false; set point_in_time_recovery="
        "{'enabled': True} so the table can be restored to any second of the last 35 days (164.308(a)(7)(ii)(A))")]


def test_an_on_demand_table_needs_no_scaling(account):
    table(account)
    assert findings(account, SCALING) == []


def test_a_provisioned_table_and_index_scaling_reads_and_writes_pass(account):
    table(account, provisioned=True, index=True)
    scale(account, "table/visits")
    scale(account, "table/visits/index/by-patient", kind="index")
    assert findings(account, SCALING) == []


def test_a_provisioned_table_without_scaling_and_an_index_scaling_only_reads_are_findings(account):
    table(account, provisioned=True, index=True)
    scale(account, "table/visits/index/by-patient", kind="index", dimensions=("Read",))
    assert findings(account, SCALING) == [
        ("visits", R + "table visits is PROVISIONED with no auto scaling target for ReadCapacityUnits or "
         "WriteCapacityUnits; declare aws.appautoscaling.Target resource_id='table/visits' for each, or use "
         "billing_mode='PAY_PER_REQUEST' (164.308(a)(7)(ii)(C))"),
        ("visits", R + "index by-patient of table visits is PROVISIONED with no auto scaling target for "
         "WriteCapacityUnits; declare aws.appautoscaling.Target resource_id='table/visits/index/by-patient' for "
         "each, or use billing_mode='PAY_PER_REQUEST' (164.308(a)(7)(ii)(C))"),
    ]


def test_recovery_turned_off_is_drift(account):
    table(account, pitr=False)
    state = state_of(resource(t.DYNAMODB_TABLE, "visits-table", "visits", billingMode="PAY_PER_REQUEST",
                              pointInTimeRecovery={"enabled": True}, deletionProtectionEnabled=False))
    assert findings(account, "live-setting-drift", state) == [
        ("visits-table", "visits-table: pointInTimeRecovery.enabled is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_table_and_its_scalable_target_are_missing(account):
    state = state_of(
        resource(t.DYNAMODB_TABLE, "visits-table", "visits", billingMode="PROVISIONED"),
        resource(t.APPAUTOSCALING_TARGET, "visits-reads", "table/visits", serviceNamespace="dynamodb",
                 resourceId="table/visits", scalableDimension="dynamodb:table:ReadCapacityUnits"))
    assert sorted(name for name, _ in findings(account, "live-resource-missing", state)) == [
        "visits-reads", "visits-table"]
