import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.backup.backup_selection_covers_ec2_instances import check as rule
from tests.policy.rules.backup_cases import TAG, coverage_cases, missing
from tests.policy.rules.builders import ACCOUNT, res

INSTANCE = res(t.EC2_INSTANCE, "app", arn=f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-0abc1234def567890", tags=TAG)


@pytest.mark.parametrize(
    ("resources", "expected"),
    coverage_cases(INSTANCE, f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/*", missing(INSTANCE, "EC2 instance")),
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
