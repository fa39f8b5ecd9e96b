import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.backup.backup_selection_covers_ebs_volumes import check as rule
from tests.policy.rules.backup_cases import TAG, coverage_cases, missing
from tests.policy.rules.builders import ACCOUNT, res

VOLUME = res(t.EBS_VOLUME, "scratch", arn=f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/vol-0abc1234def567890", tags=TAG)


@pytest.mark.parametrize(
    ("resources", "expected"),
    coverage_cases(VOLUME, f"arn:aws:ec2:*:{ACCOUNT}:volume/*", missing(VOLUME, "EBS volume")),
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
