import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.backup.backup_selection_covers_ec2_instances import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

ARN = f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-0abc1234def567890"
THING = res(t.EC2_INSTANCE, "app", arn=ARN, tags={"backup": "phi"})


def selection(**props):
    return res(t.BACKUP_SELECTION, "sel", planId="plan-1", iamRoleArn=f"arn:aws:iam::{ACCOUNT}:role/b", **props)


MISSING = Violation(
    f"EC2 instance {ARN} is in no backup selection's resources; add its ARN to a backup selection of the BackupVault "
    "plan (164.308(a)(7)(ii)(A))",
    urn(t.EC2_INSTANCE, "app"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([THING, selection(resources=[ARN])], [], id="pass-arn-listed"),
        pytest.param([THING, selection(resources=["*"])], [], id="pass-everything"),
        pytest.param(
            [THING, selection(resources=[ARN.rsplit("instance/", 1)[0] + "instance/*"])], [], id="pass-wildcard"
        ),
        pytest.param(
            [THING, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "phi"}])],
            [],
            id="pass-selection-tag",
        ),
        pytest.param([THING], [MISSING], id="fail-no-selection"),
        pytest.param([THING, selection(resources=[ARN + "-other"])], [MISSING], id="fail-other-resource"),
        pytest.param(
            [THING, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "none"}])],
            [MISSING],
            id="fail-tag-value-differs",
        ),
        pytest.param(
            [THING, selection(resources=["*"], notResources=[ARN])], [MISSING], id="fail-excluded-by-not-resources"
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
