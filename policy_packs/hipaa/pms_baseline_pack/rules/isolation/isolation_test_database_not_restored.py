"""A test environment's databases are created empty, never restored from a snapshot or a point in time."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.isolation import CITATION, TEST_ENVIRONMENTS, is_test_stack
from pms_baseline_pack.rules.props import block, of_type, shown


@stack_rule(
    id="isolation-test-database-not-restored",
    title="Test databases are not restored from snapshots",
    severity="critical",
    citations=(CITATION, "164.312(a)(1)"),
    resource_types=(t.RDS_INSTANCE, t.RDS_CLUSTER),
    remediation="Use the SealedTestEnvironment component: create the database empty and load synthetic "
    "seed data; never set snapshot_identifier or restore_to_point_in_time.",
    config={"testEnvironments": TEST_ENVIRONMENTS},
)
def check(resources, config):
    """In a test environment, no RDS instance or cluster sets snapshotIdentifier or a restore."""
    if not is_test_stack(resources, config["testEnvironments"]):
        return []
    found = []
    for db in of_type(resources, t.RDS_INSTANCE, t.RDS_CLUSTER):
        snapshot = db.props.get("snapshotIdentifier")
        if is_opaque(snapshot) or (isinstance(snapshot, str) and snapshot):
            found.append(
                Violation(
                    f"test database {db.name} sets snapshotIdentifier={shown(snapshot)}; a test database is "
                    f"created empty or from synthetic seed data, never restored from a snapshot ({CITATION})",
                    db.urn,
                )
            )
        restore = block(db.props.get("restoreToPointInTime"))
        if restore:
            found.append(
                Violation(
                    f"test database {db.name} sets restoreToPointInTime={shown(restore)}; a test database "
                    f"is never restored from another database ({CITATION})",
                    db.urn,
                )
            )
    return found
