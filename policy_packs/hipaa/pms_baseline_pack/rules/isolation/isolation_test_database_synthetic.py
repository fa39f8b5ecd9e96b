"""A test environment's databases are labelled as holding synthetic data only."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.isolation import CITATION, TEST_ENVIRONMENTS, is_test_stack
from pms_baseline_pack.rules.props import of_type, shown, tags

TAG = "data-classification"
SYNTHETIC = "synthetic"


@stack_rule(
    id="isolation-test-database-synthetic",
    title="Test databases are tagged data-classification=synthetic",
    severity="high",
    citations=(CITATION, "164.310(d)(2)(iii)"),
    resource_types=(t.RDS_INSTANCE, t.RDS_CLUSTER),
    remediation="Use the SealedTestEnvironment component, which tags its database "
    "data-classification=synthetic, and load only synthetic data.",
    config={"testEnvironments": TEST_ENVIRONMENTS},
)
def check(resources, config):
    """When the stack is a test environment, every RDS instance and cluster has the synthetic tag."""
    if not is_test_stack(resources, config["testEnvironments"]):
        return []
    return [
        Violation(
            f"test database {db.name} has tag {TAG}={shown(tags(db.props).get(TAG))}; tag it "
            f"{TAG}={SYNTHETIC} and load only synthetic data ({CITATION})",
            db.urn,
        )
        for db in of_type(resources, t.RDS_INSTANCE, t.RDS_CLUSTER)
        if tags(db.props).get(TAG) != SYNTHETIC
    ]
