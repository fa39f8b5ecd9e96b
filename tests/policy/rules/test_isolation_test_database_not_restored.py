import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.isolation.isolation_test_database_not_restored import check as rule
from tests.policy.rules.builders import res, urn

TEST = {"environment": "test", "data-classification": "synthetic"}


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([res(t.RDS_INSTANCE, "pms-db", dbName="pms", tags=TEST)], [], id="pass-created-empty"),
        pytest.param(
            [res(t.RDS_INSTANCE, "pms-db", snapshotIdentifier="prod-snap", tags={"environment": "staging"})],
            [],
            id="pass-not-a-test-stack",
        ),
        pytest.param(
            [res(t.RDS_INSTANCE, "pms-db", snapshotIdentifier="pms-prod-2026-11-01", tags=TEST)],
            [
                Violation(
                    "test database pms-db sets snapshotIdentifier=pms-prod-2026-11-01; a test database is "
                    "created empty or from synthetic seed data, never restored from a snapshot "
                    "(164.308(a)(4)(ii)(A))",
                    urn(t.RDS_INSTANCE, "pms-db"),
                )
            ],
            id="fail-snapshot",
        ),
        pytest.param(
            [
                res(
                    t.RDS_CLUSTER,
                    "pms-aurora",
                    restoreToPointInTime=[{"sourceClusterIdentifier": "prod"}],
                    tags=TEST,
                )
            ],
            [
                Violation(
                    'test database pms-aurora sets restoreToPointInTime={"sourceClusterIdentifier":"prod"}; '
                    "a test database is never restored from another database (164.308(a)(4)(ii)(A))",
                    urn(t.RDS_CLUSTER, "pms-aurora"),
                )
            ],
            id="fail-point-in-time",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
