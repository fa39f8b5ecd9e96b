import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.dynamodb.dynamodb_table_autoscaling_enabled import check as rule
from tests.policy.rules.builders import res, urn


def table(**props):
    return res(t.DYNAMODB_TABLE, "visits", name="visits", hashKey="id", **props)


def target(rid, dimension):
    return res(t.APPAUTOSCALING_TARGET, f"{rid}-{dimension}", serviceNamespace="dynamodb", resourceId=rid,
               scalableDimension=dimension, minCapacity=5, maxCapacity=100)


BOTH = [target("table/visits", "dynamodb:table:ReadCapacityUnits"),
        target("table/visits", "dynamodb:table:WriteCapacityUnits")]


def violation(what, rid, missing):
    return Violation(
        f"{what} is PROVISIONED with no auto scaling target for {missing}; declare aws.appautoscaling.Target "
        f"resource_id='{rid}' for each, or use billing_mode='PAY_PER_REQUEST' (164.308(a)(7)(ii)(C))",
        urn(t.DYNAMODB_TABLE, "visits"),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([table(billingMode="PAY_PER_REQUEST")], [], id="pass-on-demand"),
        pytest.param([table(billingMode="PROVISIONED", readCapacity=5, writeCapacity=5), *BOTH], [],
                     id="pass-provisioned-scaled"),
        pytest.param([table(readCapacity=5, writeCapacity=5)],
                     [violation("table visits", "table/visits", "ReadCapacityUnits or WriteCapacityUnits")],
                     id="fail-default-mode-unscaled"),
        pytest.param([table(billingMode="PROVISIONED"), BOTH[0]],
                     [violation("table visits", "table/visits", "WriteCapacityUnits")], id="fail-write-unscaled"),
        pytest.param(
            [table(billingMode="PROVISIONED", globalSecondaryIndexes=[{"name": "by-patient", "hashKey": "p"}]), *BOTH],
            [violation("index by-patient of table visits", "table/visits/index/by-patient",
                       "ReadCapacityUnits or WriteCapacityUnits")],
            id="fail-index-unscaled",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
