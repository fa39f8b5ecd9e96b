import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.isolation.isolation_test_database_synthetic import check as rule
from tests.policy.rules.builders import res, urn


def fail(value):
    return Violation(
        f"test database pms-db has tag data-classification={value}; tag it data-classification=synthetic "
        "and load only synthetic data (164.308(a)(4)(ii)(A))",
        urn(t.RDS_INSTANCE, "pms-db"),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [res(t.RDS_INSTANCE, "pms-db", tags={"environment": "test", "data-classification": "synthetic"})],
            [],
            id="pass-synthetic",
        ),
        pytest.param(
            [res(t.RDS_INSTANCE, "pms-db", tags={"environment": "prod", "data-classification": "phi"})],
            [],
            id="pass-not-a-test-stack",
        ),
        pytest.param(
            [res(t.RDS_INSTANCE, "pms-db", tags={"environment": "test", "data-classification": "phi"})],
            [fail("phi")],
            id="fail-phi",
        ),
        pytest.param(
            [res(t.VPC, "pms-vpc", tags={"environment": "test"}), res(t.RDS_INSTANCE, "pms-db")],
            [fail("unset")],
            id="fail-untagged",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
